import { computeAccesses, type AccessSatellite } from './compute-accesses.js';
import type { ObservationMode, RevisitInput } from './revisit-input.js';
import type { RevisitStatistics } from './revisit-statistics.js';
import { scopeStatistics } from './scope-statistics.js';

/** Predicted revisit of a territory, pooled and per member: the body of `/territories/{t}/revisit`. */
export interface RevisitReport {
  window: { start: string; end: string; days: number };
  mode: ObservationMode;
  sun_elevation_min_deg: number;
  grid_km: number;
  points: number;
  /** Satellites used, with TLE epoch and age (days) for the caller's staleness rules. */
  satellites: AccessSatellite[];
  /** All the satellites given, together. */
  pool: RevisitStatistics;
  /** Per member code; null for a member without satellites here. */
  members: Record<string, RevisitStatistics | null>;
  /** pool.visits_per_point / members[m].visits_per_point; null for a member without satellites or visits. */
  pooling_gain: Record<string, number | null>;
  propagations: number;
}

/**
 * Predicted revisit statistics of a territory for the pool of satellites given and for each member.
 *
 * One access computation (`computeAccesses`) serves every scope. `members` lists the member codes
 * to report (e.g. the ten SCO members, so that members without satellites appear with null);
 * default: the members of the satellites given.
 *
 * @param input As for `computeAccesses`, plus `members`.
 * @returns Plain JSON ({@link RevisitReport}).
 * @throws As `computeAccesses`.
 */
export function predictRevisit(input: RevisitInput & { members?: readonly string[] }): RevisitReport {
  const accessSet = computeAccesses(input);
  const all = accessSet.satellites.map((_, i) => i);
  const pool = scopeStatistics(accessSet, all);
  const codes =
    input.members ?? [...new Set(accessSet.satellites.map((s) => s.member).filter((m): m is string => m !== null))].sort();
  const members: Record<string, RevisitStatistics | null> = {};
  const poolingGain: Record<string, number | null> = {};
  for (const code of codes) {
    const indices = all.filter((i) => accessSet.satellites[i]!.member === code);
    if (indices.length === 0) {
      members[code] = null;
      poolingGain[code] = null;
      continue;
    }
    const stats = scopeStatistics(accessSet, indices);
    members[code] = stats;
    poolingGain[code] = stats.visits_per_point > 0 ? pool.visits_per_point / stats.visits_per_point : null;
  }
  return {
    window: {
      start: new Date(accessSet.windowStartMs).toISOString(),
      end: new Date(accessSet.windowEndMs).toISOString(),
      days: input.days,
    },
    mode: accessSet.mode,
    sun_elevation_min_deg: accessSet.sunElevationMinDeg,
    grid_km: accessSet.gridKm,
    points: accessSet.points.length,
    satellites: accessSet.satellites,
    pool,
    members,
    pooling_gain: poolingGain,
    propagations: accessSet.propagations,
  };
}
