import type { Kysely, Transaction } from 'kysely';
import type { Principal } from '../auth/index.js';
import type { Database, SatelliteRow } from '../db/index.js';
import { ConflictError, ForbiddenError, InvalidRequestError, NotFoundError } from '../errors.js';
import { parseTle } from '../orbits/index.js';
import { satelliteRow, tleEpoch, type SatelliteEntry } from '../reference/seed-reference-data.js';

/** A satellite as the API answers it: the fields of a `satellites.json` entry plus its TLE's epoch and age. */
export interface SatelliteAnswer {
  name: string;
  norad_id: number;
  /** The operator's code: one of the ten SCO members (a pool satellite) or another (EU, US). */
  member: string;
  sensor: 'optical' | 'sar';
  instrument: string | null;
  swath_km: number | null;
  field_of_regard_deg: number | null;
  gsd_m: number | null;
  tle: [string, string];
  swath_source: string | null;
  notes: string | null;
  reference: boolean;
  other_instruments: unknown;
  /** Epoch of the current TLE, RFC 3339 UTC. */
  tle_epoch: string;
  /** Days from that epoch to now. */
  tle_age_days: number;
}

const MS_PER_DAY = 86_400_000;

function satelliteAnswer(row: SatelliteRow, now: Date): SatelliteAnswer {
  return {
    name: row.name,
    norad_id: row.norad_id,
    member: row.operator,
    sensor: row.sensor,
    instrument: row.instrument,
    swath_km: row.swath_km,
    field_of_regard_deg: row.field_of_regard_deg,
    gsd_m: row.gsd_m,
    tle: [row.tle_line1, row.tle_line2],
    swath_source: row.swath_source,
    notes: row.notes,
    reference: row.reference,
    other_instruments: row.other_instruments,
    tle_epoch: row.tle_epoch.toISOString(),
    tle_age_days: (now.getTime() - row.tle_epoch.getTime()) / MS_PER_DAY,
  };
}

function satelliteNotFound(noradId: number): NotFoundError {
  return new NotFoundError('SatelliteNotFound', `no satellite with NORAD id ${noradId}`);
}

/** Satellites ordered by operator and NORAD id, optionally of one operator (`member`) or sensor. */
export async function listSatellites(
  db: Kysely<Database>,
  filter: { member?: string; sensor?: 'optical' | 'sar' },
  now: Date,
): Promise<SatelliteAnswer[]> {
  let query = db.selectFrom('satellites').selectAll().orderBy('operator').orderBy('norad_id');
  if (filter.member !== undefined) query = query.where('operator', '=', filter.member);
  if (filter.sensor !== undefined) query = query.where('sensor', '=', filter.sensor);
  return (await query.execute()).map((row) => satelliteAnswer(row, now));
}

/** One satellite; throws NotFoundError `SatelliteNotFound`. */
export async function getSatellite(db: Kysely<Database>, noradId: number, now: Date): Promise<SatelliteAnswer> {
  const row = await db.selectFrom('satellites').selectAll().where('norad_id', '=', noradId).executeTakeFirst();
  if (row === undefined) throw satelliteNotFound(noradId);
  return satelliteAnswer(row, now);
}

/**
 * Register a satellite (an admin, or a member for its own satellites); its TLE goes into the
 * history too.
 *
 * @throws InvalidRequestError `InvalidTle` (failing line and check; also a TLE of another NORAD id).
 * @throws ForbiddenError for a member's key and another operator; ConflictError `SatelliteExists`.
 */
export async function createSatellite(db: Kysely<Database>, input: SatelliteEntry, principal: Principal, now: Date): Promise<SatelliteAnswer> {
  authorizeOperator(principal, input.member);
  const entry = checkTle(input);
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('satellites')
      .values(satelliteRow(entry))
      .onConflict((oc) => oc.column('norad_id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted === undefined) throw new ConflictError('SatelliteExists', `a satellite with NORAD id ${entry.norad_id} is already registered`);
    await keepTle(trx, entry);
    return satelliteAnswer(inserted, now);
  });
}

/**
 * Replace a satellite's description. Its TLE joins the history; it becomes the current TLE only
 * when its epoch is not older than the stored one, as in bulk TLE updates.
 *
 * @throws NotFoundError `SatelliteNotFound`; InvalidRequestError `IdMismatch` or `InvalidTle`;
 *   ForbiddenError unless an admin or the operator (before and after) calls.
 */
export async function replaceSatellite(
  db: Kysely<Database>,
  noradId: number,
  input: SatelliteEntry,
  principal: Principal,
  now: Date,
): Promise<SatelliteAnswer> {
  if (input.norad_id !== noradId) {
    throw new InvalidRequestError('IdMismatch', `the body's norad_id ${input.norad_id} differs from ${noradId} in the URL`);
  }
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('satellites').selectAll().where('norad_id', '=', noradId).forUpdate().executeTakeFirst();
    if (current === undefined) throw satelliteNotFound(noradId);
    authorizeOperator(principal, current.operator);
    authorizeOperator(principal, input.member);
    const entry = checkTle(input);
    const { norad_id: _noradId, ...row } = satelliteRow(entry);
    const keepCurrentTle = row.tle_epoch.getTime() < current.tle_epoch.getTime();
    const updated = await trx
      .updateTable('satellites')
      .set({
        ...row,
        ...(keepCurrentTle ? { tle_line1: current.tle_line1, tle_line2: current.tle_line2, tle_epoch: current.tle_epoch } : {}),
        updated_at: now,
      })
      .where('norad_id', '=', noradId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await keepTle(trx, entry);
    return satelliteAnswer(updated, now);
  });
}

/** An admin may describe any satellite; a member's key only those its member operates. */
export function authorizeOperator(principal: Principal, operator: string): void {
  if (principal.role !== 'admin' && principal.member !== operator) {
    throw new ForbiddenError('Forbidden', `a key of ${principal.member ?? 'no member'} may not write satellites of ${operator}`);
  }
}

/** The entry with its TLE checked, its lines without trailing white space. */
function checkTle(entry: SatelliteEntry): SatelliteEntry {
  const tle = parseTle(entry.tle[0], entry.tle[1], entry.name);
  if (tle.noradId !== entry.norad_id) {
    throw new InvalidRequestError('InvalidTle', `the TLE is for NORAD ${tle.noradId}, not ${entry.norad_id}`, { line: 1, check: 'norad-id' });
  }
  return { ...entry, tle: [tle.line1, tle.line2] };
}

async function keepTle(trx: Transaction<Database>, entry: SatelliteEntry): Promise<void> {
  await trx
    .insertInto('tle_history')
    .values({ norad_id: entry.norad_id, epoch: tleEpoch(entry.tle), line1: entry.tle[0], line2: entry.tle[1] })
    .onConflict((oc) => oc.columns(['norad_id', 'epoch']).doNothing())
    .execute();
}
