import type { AccessSet } from './compute-accesses.js';
import { groupVisits } from './group-visits.js';
import { revisitStatistics, type RevisitStatistics } from './revisit-statistics.js';

/**
 * Revisit statistics of one scope of an access set: the visits of every grid point by the scope's
 * satellites together (`groupVisits`: accesses within 20 minutes of a visit's start are one visit),
 * and the scope's pass events over the territory (one per pass that sees some grid point, at its
 * start).
 *
 * @param accessSet From `computeAccesses`.
 * @param satelliteIndices Indices into `accessSet.satellites`; all of them for the pool.
 * @returns Statistics (`revisitStatistics`); with no satellites, zero coverage and null hours.
 */
export function scopeStatistics(accessSet: AccessSet, satelliteIndices: readonly number[]): RevisitStatistics {
  const inScope = new Uint8Array(accessSet.satellites.length);
  for (const i of satelliteIndices) inScope[i] = 1;
  const visits = accessSet.accessTimesMs.map((times, p) => {
    const sats = accessSet.accessSatellites[p]!;
    const scoped: number[] = [];
    for (let k = 0; k < times.length; k++) if (inScope[sats[k]!] === 1) scoped.push(times[k]!);
    return groupVisits(scoped);
  });
  const events = accessSet.passes.filter((p) => inScope[p.satellite] === 1).map((p) => p.startMs);
  return revisitStatistics(visits, events);
}
