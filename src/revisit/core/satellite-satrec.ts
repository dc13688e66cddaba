import { twoline2satrec, type SatRec } from 'satellite.js';
import { EopoolError, InvalidRequestError } from '../../errors.js';
import { parseTle, type Tle } from '../../orbits/parse-tle.js';
import type { RevisitSatellite } from './revisit-input.js';

/**
 * Checks a satellite's TLE (`parseTle`: checksums, format, NORAD number) and its swath, and builds
 * its satellite.js record.
 *
 * @throws InvalidRequestError `InvalidTle` naming the satellite, the line and the check (details
 *   `{ norad_id, line, check }`), also when the TLE's NORAD number is not the satellite's.
 * @throws RangeError when swath_km is not positive or field_of_regard_deg is outside [0, 90).
 */
export function satelliteSatrec(satellite: RevisitSatellite): { tle: Tle; satrec: SatRec } {
  const label = `satellite ${satellite.norad_id} (${satellite.name})`;
  if (!(satellite.swath_km > 0)) throw new RangeError(`${label}: swath_km must be positive, got ${satellite.swath_km}`);
  const forDeg = satellite.field_of_regard_deg;
  if (forDeg !== null && !(forDeg >= 0 && forDeg < 90)) {
    throw new RangeError(`${label}: field_of_regard_deg must be in [0, 90), got ${forDeg}`);
  }
  const [line1, line2] = satellite.tle;
  let tle: Tle;
  try {
    tle = parseTle(line1 ?? '', line2 ?? '', satellite.name);
  } catch (err) {
    if (err instanceof EopoolError) {
      throw new InvalidRequestError(err.code, `${label}: ${err.description}`, { ...err.details, norad_id: satellite.norad_id });
    }
    throw err;
  }
  if (tle.noradId !== satellite.norad_id) {
    throw new InvalidRequestError('InvalidTle', `${label}: the TLE is for NORAD ${tle.noradId}`, {
      norad_id: satellite.norad_id,
      line: 1,
      check: 'norad-id',
    });
  }
  return { tle, satrec: twoline2satrec(tle.line1, tle.line2) };
}
