import type { AccessSet } from './compute-accesses.js';

/** A predicted pass of a satellite over a territory, as `/territories/{t}/passes` returns it. */
export interface TerritoryPass {
  norad_id: number;
  satellite: string;
  member: string | null;
  sensor: 'optical' | 'sar';
  /** First and last access among the grid points seen, RFC 3339 UTC. */
  start: string;
  end: string;
  /** Share of the territory's grid points seen on this pass, (0, 1]. */
  share: number;
  /** Closest approach to the territory's centre: time, ground distance (km) and the off-nadir
   * angle (deg) needed to look at it from the satellite's height then, on a spherical Earth. */
  centre_time: string | null;
  centre_distance_km: number | null;
  centre_off_nadir_deg: number | null;
}

/**
 * The pass events of an access set in API form, ordered by start.
 *
 * @param accessSet From `computeAccesses`.
 */
export function territoryPasses(accessSet: AccessSet): TerritoryPass[] {
  const n = accessSet.points.length;
  return accessSet.passes.map((p) => {
    const s = accessSet.satellites[p.satellite]!;
    return {
      norad_id: s.norad_id,
      satellite: s.name,
      member: s.member,
      sensor: s.sensor,
      start: new Date(p.startMs).toISOString(),
      end: new Date(p.endMs).toISOString(),
      share: p.pointsSeen / n,
      centre_time: p.centreTimeMs === null ? null : new Date(p.centreTimeMs).toISOString(),
      centre_distance_km: p.centreDistanceKm,
      centre_off_nadir_deg: p.centreOffNadirDeg,
    };
  });
}
