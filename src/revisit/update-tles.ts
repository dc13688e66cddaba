import type { Kysely } from 'kysely';
import type { Principal } from '../auth/index.js';
import type { Database } from '../db/index.js';
import { InvalidRequestError } from '../errors.js';
import { parseTleFile, type TleFileError } from '../orbits/index.js';
import { tleEpoch } from '../reference/seed-reference-data.js';

/** What a bulk TLE update did, entry by entry (nothing is dropped silently). */
export interface TleUpdateReport {
  /** Entries that became their satellite's current TLE. */
  updated: { norad_id: number; name: string | null; epoch: string; previous_epoch: string }[];
  /** Entries older than the stored TLE: kept in the history (past windows use them), not made current. */
  older: { norad_id: number; epoch: string; current_epoch: string }[];
  /** Entries whose epoch was already stored. */
  unchanged: number;
  /** Entries of satellites that are not registered (a whole CelesTrak group has thousands): ignored. */
  unknown: number;
  /** Entries of registered satellites that this member's key may not update (another operator's). */
  not_owned: number[];
  /** Entries that failed their checks, with file line, TLE line and check. */
  rejected: TleFileError[];
}

/**
 * Apply a CelesTrak-style TLE file (3-line entries, or 2-line) to the registered satellites, matched
 * by NORAD id: every entry passes `parseTle` (both checksums, format, SGP4 initialisation); each
 * valid entry joins `tle_history`, and becomes the satellite's current TLE unless its epoch is
 * older than the stored one. A member's key updates its own satellites only; an admin's, all.
 * One transaction.
 *
 * @throws InvalidRequestError `InvalidTle` (details of the first failing entry and every rejection)
 *   when the file has no valid entry but some invalid ones; `EmptyTleFile` when it has no entry.
 */
export async function updateTles(db: Kysely<Database>, text: string, principal: Principal): Promise<TleUpdateReport> {
  const { entries, errors } = parseTleFile(text);
  if (entries.length === 0) {
    const first = errors[0];
    if (first === undefined) throw new InvalidRequestError('EmptyTleFile', 'the file holds no TLE entry (name line, line 1, line 2)');
    throw new InvalidRequestError('InvalidTle', `file line ${first.lineNumber}: ${first.description}`, {
      ...first.details,
      rejected: errors,
    });
  }
  return db.transaction().execute(async (trx) => {
    // The registry is small (dozens of satellites) and a file may hold thousands of entries: read it whole.
    const registered = await trx.selectFrom('satellites').select(['norad_id', 'operator', 'tle_epoch']).forUpdate().execute();
    const byId = new Map(registered.map((r) => [r.norad_id, r]));
    const report: TleUpdateReport = { updated: [], older: [], unchanged: 0, unknown: 0, not_owned: [], rejected: errors };
    for (const tle of entries) {
      const satellite = byId.get(tle.noradId);
      if (satellite === undefined) {
        report.unknown++;
        continue;
      }
      if (principal.role !== 'admin' && principal.member !== satellite.operator) {
        report.not_owned.push(tle.noradId);
        continue;
      }
      const epoch = tleEpoch([tle.line1, tle.line2]);
      const kept = await trx
        .insertInto('tle_history')
        .values({ norad_id: tle.noradId, epoch, line1: tle.line1, line2: tle.line2 })
        .onConflict((oc) => oc.columns(['norad_id', 'epoch']).doNothing())
        .returning('norad_id')
        .executeTakeFirst();
      if (kept === undefined) {
        report.unchanged++;
        continue;
      }
      const current = satellite.tle_epoch;
      if (epoch.getTime() < current.getTime()) {
        report.older.push({ norad_id: tle.noradId, epoch: epoch.toISOString(), current_epoch: current.toISOString() });
        continue;
      }
      await trx
        .updateTable('satellites')
        .set({ tle_line1: tle.line1, tle_line2: tle.line2, tle_epoch: epoch, updated_at: new Date() })
        .where('norad_id', '=', tle.noradId)
        .execute();
      report.updated.push({ norad_id: tle.noradId, name: tle.name, epoch: epoch.toISOString(), previous_epoch: current.toISOString() });
      satellite.tle_epoch = epoch;
    }
    return report;
  });
}
