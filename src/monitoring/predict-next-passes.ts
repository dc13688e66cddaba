import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { predictPointPasses, type LonLatDeg } from '../revisit/core/index.js';
import { STALE_TLE_DAYS } from '../revisit/index.js';
import { loadSatellitesForWindow } from '../revisit/satellite-elements.js';

/** A predicted pass of a pool satellite over the area. */
export interface NextPass {
  norad_id: number;
  satellite: string;
  member: string | null;
  sensor: 'optical' | 'sar';
  /** Time of closest approach, RFC 3339 UTC. */
  time: string;
  /** Hours from `at`. */
  in_hours: number;
  /** Off-nadir (roll) angle needed to look at the area's centre, degrees. */
  off_nadir_deg: number;
  /** Ground distance from the centre to the sub-satellite point, km. */
  distance_km: number;
  /** Sun elevation at the centre, degrees. */
  sun_elevation_deg: number;
  /** The Sun is high enough (at least 10°) for an optical image. */
  sunlit: boolean;
  /** The sensor can image on this pass: SAR always, optical when sunlit. */
  image_possible: boolean;
}

/**
 * Passes of the pool satellites (optionally of some members, or one sensor) over a point in
 * [at, at + horizonHours], each satellite propagated from the stored TLE nearest the window
 * (`loadSatellitesForWindow`), in agile mode (within the field of regard of satellites that have
 * one, else within half the swath), in time order. Satellites whose nearest TLE lies more than
 * {@link STALE_TLE_DAYS} days from the window are left out, with a warning; when that is all of
 * them, the list is empty.
 */
export async function predictNextPasses(
  db: Kysely<Database>,
  request: { centre: LonLatDeg; at: Date; horizonHours: number; members?: readonly string[] | null; sensor?: 'optical' | 'sar' | null },
): Promise<{ passes: NextPass[]; warnings: string[] }> {
  const end = new Date(request.at.getTime() + request.horizonHours * 3_600_000);
  const { satellites } = await loadSatellitesForWindow(db, { members: request.members, sensor: request.sensor }, { start: request.at, end });
  const fresh = satellites.filter((s) => s.tle_age_days <= STALE_TLE_DAYS);
  const stale = satellites.filter((s) => s.tle_age_days > STALE_TLE_DAYS);
  const warnings: string[] = [];
  if (stale.length > 0) {
    const nearest = Math.min(...stale.map((s) => s.tle_age_days));
    warnings.push(
      fresh.length === 0
        ? `no next passes: the stored TLEs are stale for this time (the nearest lies ${Math.round(nearest)} days from the window, more than ${STALE_TLE_DAYS})`
        : `${stale.length} satellite${stale.length === 1 ? '' : 's'} left out of next_passes, their TLEs stale for this time (more than ${STALE_TLE_DAYS} days): ${stale.map((s) => s.name).join(', ')}`,
    );
  }
  const passes = fresh.flatMap((satellite) =>
    predictPointPasses({ satellite, point: request.centre, windowStart: request.at, days: request.horizonHours / 24, mode: 'agile' }).map(
      (pass): NextPass => ({
        norad_id: satellite.norad_id,
        satellite: satellite.name,
        member: satellite.member,
        sensor: satellite.sensor,
        time: pass.time,
        in_hours: (Date.parse(pass.time) - request.at.getTime()) / 3_600_000,
        off_nadir_deg: pass.off_nadir_deg,
        distance_km: pass.distance_km,
        sun_elevation_deg: pass.sun_elevation_deg,
        sunlit: pass.optical_possible,
        image_possible: pass.image_possible,
      }),
    ),
  );
  passes.sort((a, b) => a.time.localeCompare(b.time) || a.norad_id - b.norad_id);
  return { passes, warnings };
}
