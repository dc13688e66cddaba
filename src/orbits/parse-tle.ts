import { twoline2satrec } from 'satellite.js';
import { InvalidRequestError } from '../errors.js';
import { tleChecksum } from './tle-checksum.js';

/** Which test a TLE line failed, as reported in `InvalidTle` error details. */
export type TleCheck = 'length' | 'line-number' | 'checksum' | 'format' | 'norad-id' | 'range' | 'sgp4-init';

/** Details carried by an `InvalidTle` error: the failing line (1 or 2) and check. */
export interface TleErrorDetails {
  line: 1 | 2;
  check: TleCheck;
  [key: string]: unknown;
}

/**
 * A checked two-line element set. Angles are in degrees here because they are the TLE's own fields,
 * copied for display and storage; propagation uses satellite.js's `SatRec`, built from the lines.
 */
export interface Tle {
  /** NORAD catalogue number (Alpha-5 numbers such as `A0001` decoded to 100001). */
  noradId: number;
  /** Name from a 3-line file's name line, or null for a bare 2-line set. */
  name: string | null;
  /** Classification letter of line 1 (U, C or S), or a space. */
  classification: string;
  /** International designator (COSPAR launch year, number and piece), trimmed; may be empty. */
  internationalDesignator: string;
  /** Epoch as Unix milliseconds; TLE epochs are UTC (AIAA 2006-6753, sec. II). */
  epochMs: number;
  /** Epoch as RFC 3339 UTC text. */
  epoch: string;
  inclinationDeg: number;
  eccentricity: number;
  meanMotionRevPerDay: number;
  /** Line 1 as given, trailing white space removed (69 characters). */
  line1: string;
  /** Line 2 as given, trailing white space removed (69 characters). */
  line2: string;
}

const TLE_LINE_LENGTH = 69;
const CATALOG_NUMBER = /^(?: *[0-9]+|[A-HJ-NP-Z][0-9]{4})$/;
const ALPHA5_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

interface FieldRule {
  from: number;
  to: number;
  pattern: RegExp;
  what: string;
}

// Column layout (0-based, end exclusive) from CelesTrak's "NORAD Two-Line Element Set Format" and
// Spacetrack Report #3 appendix; fixed blanks are part of the format, so a shifted field is caught.
const LINE1_RULES: readonly FieldRule[] = [
  { from: 7, to: 8, pattern: /^[UCS ]$/, what: 'classification (column 8)' },
  { from: 8, to: 9, pattern: /^ $/, what: 'blank column 9' },
  { from: 9, to: 17, pattern: /^[0-9 ]{5}[A-Z ]{3}$/, what: 'international designator (columns 10-17)' },
  { from: 17, to: 18, pattern: /^ $/, what: 'blank column 18' },
  { from: 18, to: 20, pattern: /^[0-9]{2}$/, what: 'epoch year (columns 19-20)' },
  { from: 20, to: 32, pattern: /^[ 0-9]{3}\.[0-9 ]{8}$/, what: 'epoch day (columns 21-32)' },
  { from: 32, to: 33, pattern: /^ $/, what: 'blank column 33' },
  { from: 33, to: 43, pattern: /^[ +-]\.[0-9 ]{8}$/, what: 'first derivative of mean motion (columns 34-43)' },
  { from: 43, to: 44, pattern: /^ $/, what: 'blank column 44' },
  { from: 44, to: 52, pattern: /^[ +-][0-9 ]{5}[+-][0-9]$/, what: 'second derivative of mean motion (columns 45-52)' },
  { from: 52, to: 53, pattern: /^ $/, what: 'blank column 53' },
  { from: 53, to: 61, pattern: /^[ +-][0-9 ]{5}[+-][0-9]$/, what: 'BSTAR drag term (columns 54-61)' },
  { from: 61, to: 62, pattern: /^ $/, what: 'blank column 62' },
  { from: 62, to: 63, pattern: /^[0-9 ]$/, what: 'ephemeris type (column 63)' },
  { from: 63, to: 64, pattern: /^ $/, what: 'blank column 64' },
  { from: 64, to: 68, pattern: /^[ 0-9]{4}$/, what: 'element set number (columns 65-68)' },
];

const LINE2_RULES: readonly FieldRule[] = [
  { from: 7, to: 8, pattern: /^ $/, what: 'blank column 8' },
  { from: 8, to: 16, pattern: /^[ 0-9]{3}\.[0-9 ]{4}$/, what: 'inclination (columns 9-16)' },
  { from: 16, to: 17, pattern: /^ $/, what: 'blank column 17' },
  { from: 17, to: 25, pattern: /^[ 0-9]{3}\.[0-9 ]{4}$/, what: 'right ascension of the node (columns 18-25)' },
  { from: 25, to: 26, pattern: /^ $/, what: 'blank column 26' },
  { from: 26, to: 33, pattern: /^[0-9]{7}$/, what: 'eccentricity (columns 27-33)' },
  { from: 33, to: 34, pattern: /^ $/, what: 'blank column 34' },
  { from: 34, to: 42, pattern: /^[ 0-9]{3}\.[0-9 ]{4}$/, what: 'argument of perigee (columns 35-42)' },
  { from: 42, to: 43, pattern: /^ $/, what: 'blank column 43' },
  { from: 43, to: 51, pattern: /^[ 0-9]{3}\.[0-9 ]{4}$/, what: 'mean anomaly (columns 44-51)' },
  { from: 51, to: 52, pattern: /^ $/, what: 'blank column 52' },
  { from: 52, to: 63, pattern: /^[ 0-9]{2}\.[0-9 ]{8}$/, what: 'mean motion (columns 53-63)' },
  { from: 63, to: 68, pattern: /^[ 0-9]{5}$/, what: 'revolution number (columns 64-68)' },
];

function fail(line: 1 | 2, check: TleCheck, message: string, extra: Record<string, unknown> = {}): never {
  throw new InvalidRequestError('InvalidTle', `TLE line ${line}: ${message}`, { line, check, ...extra });
}

function decodeCatalogNumber(field: string): number {
  const first = field.charAt(0);
  const letter = ALPHA5_LETTERS.indexOf(first);
  if (letter >= 0) return (letter + 10) * 10_000 + Number(field.slice(1));
  return Number(field.trim());
}

function checkLine(text: string, line: 1 | 2, rules: readonly FieldRule[]): string {
  // Trailing blanks and a carriage return are transport noise; column 69 is always a digit.
  const trimmed = text.trimEnd();
  if (trimmed.length !== TLE_LINE_LENGTH) {
    fail(line, 'length', `expected ${TLE_LINE_LENGTH} characters, got ${trimmed.length}`, { length: trimmed.length });
  }
  if (trimmed.charAt(0) !== String(line) || trimmed.charAt(1) !== ' ') {
    fail(line, 'line-number', `must start with "${line} ", got "${trimmed.slice(0, 2)}"`);
  }
  const stated = trimmed.charAt(68);
  const computed = tleChecksum(trimmed);
  if (!/^[0-9]$/.test(stated) || Number(stated) !== computed) {
    fail(line, 'checksum', `checksum digit is "${stated}", the line sums to ${computed} (mod 10, minus signs count 1)`, {
      stated,
      computed,
    });
  }
  const catalog = trimmed.slice(2, 7);
  if (!CATALOG_NUMBER.test(catalog)) fail(line, 'format', `catalogue number (columns 3-7) "${catalog}" is not a number`);
  for (const rule of rules) {
    const field = trimmed.slice(rule.from, rule.to);
    if (!rule.pattern.test(field)) fail(line, 'format', `${rule.what} is malformed: "${field}"`);
  }
  return trimmed;
}

function inRange(line: 1 | 2, what: string, value: number, min: number, max: number): number {
  if (!(value >= min && value <= max)) fail(line, 'range', `${what} ${value} is outside [${min}, ${max}]`);
  return value;
}

/**
 * Parses and checks one two-line element set.
 *
 * Checks, in order, for each line: length (69 characters after trailing white space), line number,
 * the mod-10 checksum in column 69 (satellite.js does not check it), the column format of every
 * field; then that both lines carry the same NORAD number, that angles, epoch day and mean motion
 * are in range, and that satellite.js's SGP4 initialisation accepts the elements.
 *
 * @param line1 TLE line 1.
 * @param line2 TLE line 2.
 * @param name Optional satellite name (from a 3-line file), trimmed.
 * @returns The checked TLE with its epoch in Unix milliseconds (UTC).
 * @throws InvalidRequestError with code `InvalidTle`, a description naming the failing line and
 *   check, and details `{ line, check }` ({@link TleErrorDetails}).
 * @example
 * parseTle('1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927',
 *          '2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537').noradId // 25544
 */
export function parseTle(line1: string, line2: string, name: string | null = null): Tle {
  const l1 = checkLine(line1, 1, LINE1_RULES);
  const l2 = checkLine(line2, 2, LINE2_RULES);
  const id1 = decodeCatalogNumber(l1.slice(2, 7));
  const id2 = decodeCatalogNumber(l2.slice(2, 7));
  if (id1 !== id2) fail(2, 'norad-id', `NORAD number ${id2} differs from line 1's ${id1}`, { line1: id1, line2: id2 });

  const yy = Number(l1.slice(18, 20));
  // The two-digit year pivots at 1957 (Sputnik), as in Spacetrack Report #3 and satellite.js.
  const year = yy < 57 ? 2000 + yy : 1900 + yy;
  const daysInYear = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
  const dayOfYear = Number(l1.slice(20, 32));
  if (!(dayOfYear >= 1 && dayOfYear < daysInYear + 1)) {
    fail(1, 'range', `epoch day ${dayOfYear} is outside [1, ${daysInYear + 1}) for ${year}`);
  }
  const epochMs = Date.UTC(year, 0, 1) + (dayOfYear - 1) * 86_400_000;

  const inclinationDeg = inRange(2, 'inclination (deg)', Number(l2.slice(8, 16)), 0, 180);
  inRange(2, 'right ascension of the node (deg)', Number(l2.slice(17, 25)), 0, 360);
  inRange(2, 'argument of perigee (deg)', Number(l2.slice(34, 42)), 0, 360);
  inRange(2, 'mean anomaly (deg)', Number(l2.slice(43, 51)), 0, 360);
  const eccentricity = Number(`0.${l2.slice(26, 33)}`);
  const meanMotionRevPerDay = Number(l2.slice(52, 63));
  if (!(meanMotionRevPerDay > 0)) fail(2, 'range', `mean motion ${meanMotionRevPerDay} rev/day must be positive`);

  const satrec = twoline2satrec(l1, l2);
  if (satrec.error !== 0) {
    fail(2, 'sgp4-init', `SGP4 rejects the elements (satellite.js error ${satrec.error})`, { sgp4Error: satrec.error });
  }

  return {
    noradId: id1,
    name: name === null ? null : name.trim(),
    classification: l1.charAt(7),
    internationalDesignator: l1.slice(9, 17).trim(),
    epochMs,
    epoch: new Date(epochMs).toISOString(),
    inclinationDeg,
    eccentricity,
    meanMotionRevPerDay,
    line1: l1,
    line2: l2,
  };
}
