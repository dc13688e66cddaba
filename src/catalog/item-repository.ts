import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/index.js';
import { NotFoundError } from '../errors.js';
import type { StacDocument } from '../ingest/prepare-stac.js';
import { type ItemRowJson, itemRowJson } from './item-row-json.js';

/** What happened to each item of a batch write. */
export interface WriteOutcome {
  /** Ids newly inserted or changed. */
  stored: string[];
  /** Ids whose stored document was already identical (upsert only). */
  unchanged: string[];
  /** Ids that already existed (create only): nothing was written for them. */
  duplicates: string[];
}

/**
 * Write a batch of prepared items of one collection in one statement. `create` inserts only new ids
 * and reports the others as duplicates; `upsert` replaces changed items and leaves identical ones
 * alone (their `ingested` time too, so incremental harvests do not see them again). Ids must be
 * unique within the batch.
 */
export async function writeItems(
  db: Kysely<Database>,
  items: readonly StacDocument[],
  member: string,
  mode: 'create' | 'upsert',
): Promise<WriteOutcome> {
  return writeItemRows(db, items.map(itemRowJson), member, mode);
}

/**
 * `writeItems` for items already turned into rows (`itemRowJson`), as the NDJSON ingest's worker
 * threads deliver them.
 */
export async function writeItemRows(
  db: Kysely<Database>,
  rows: readonly ItemRowJson[],
  member: string,
  mode: 'create' | 'upsert',
): Promise<WriteOutcome> {
  if (rows.length === 0) return { stored: [], unchanged: [], duplicates: [] };
  const conflict =
    mode === 'create'
      ? sql`DO NOTHING`
      : sql`DO UPDATE SET
          geometry = EXCLUDED.geometry, datetime = EXCLUDED.datetime, start_datetime = EXCLUDED.start_datetime,
          end_datetime = EXCLUDED.end_datetime, cloud_cover = EXCLUDED.cloud_cover, platform = EXCLUDED.platform,
          constellation = EXCLUDED.constellation, instruments = EXCLUDED.instruments, gsd = EXCLUDED.gsd,
          off_nadir = EXCLUDED.off_nadir, member = EXCLUDED.member, content = EXCLUDED.content,
          links = EXCLUDED.links, ingested = clock_timestamp()
        WHERE (items.content::text, items.links::text) IS DISTINCT FROM (EXCLUDED.content::text, EXCLUDED.links::text)`;
  // The whole batch is one JSON array parameter, expanded into rows by json_to_recordset: a fixed
  // number of parameters whatever the batch size, and no per-document escaping in the driver
  // (measured: half the time of thirteen unnested text arrays on the Node side, no more on the
  // server). Documents are json, stored as the text they arrive in (sql/0010_json_documents.sql).
  const result = await sql<{ id: string }>`
    INSERT INTO items (collection, id, geometry, datetime, start_datetime, end_datetime, cloud_cover, platform,
                       constellation, instruments, gsd, off_nadir, member, content, links)
    SELECT r.collection, r.id, r.geometry::geometry, r.datetime, r.start_datetime, r.end_datetime, r.cloud_cover,
           r.platform, r.constellation, r.instruments, r.gsd, r.off_nadir, ${member}, r.content, r.links
    FROM json_to_recordset(${`[${rows.map((row) => row.json).join(',')}]`}::json) AS r(
      collection text, id text, geometry text, datetime timestamptz, start_datetime timestamptz,
      end_datetime timestamptz, cloud_cover float8, platform text, constellation text, instruments text[],
      gsd float8, off_nadir float8, content json, links json)
    ON CONFLICT (collection, id) ${conflict}
    RETURNING id`.execute(db);
  const written = new Set(result.rows.map((r) => r.id));
  await recordPropertyKeys(db, rows.filter((row) => written.has(row.id)));
  const stored = rows.map((row) => row.id).filter((id) => written.has(id));
  const others = rows.map((row) => row.id).filter((id) => !written.has(id));
  return mode === 'create'
    ? { stored, unchanged: [], duplicates: others }
    : { stored, unchanged: others, duplicates: [] };
}

/**
 * List the property keys of written items for /queryables (item_property_keys). Sorted, so that two
 * batches written at once, both bringing the same new keys, take them in the same order: the later
 * one waits for the first instead of deadlocking with it.
 */
async function recordPropertyKeys(db: Kysely<Database>, written: readonly ItemRowJson[]): Promise<void> {
  const keys = new Map<string, [string, string, string]>();
  const seen = new Set<string>();
  for (const row of written) {
    const listed = `${row.collection}\n${row.propertyKeys}`;
    if (seen.has(listed)) continue;
    seen.add(listed);
    for (const [name, type] of JSON.parse(row.propertyKeys) as [string, string][]) {
      keys.set(JSON.stringify([row.collection, name, type]), [row.collection, name, type]);
    }
  }
  if (keys.size === 0) return;
  const columns = [0, 1, 2].map((i) => [...keys.values()].map((key) => key[i]));
  await sql`
    INSERT INTO item_property_keys (collection, name, json_type)
    SELECT k.collection, k.name, k.json_type
    FROM unnest(${columns[0]}::text[], ${columns[1]}::text[], ${columns[2]}::text[]) AS k(collection, name, json_type)
    ORDER BY 1, 2, 3
    ON CONFLICT DO NOTHING`.execute(db);
}

/** The stored document of an item; throws ItemNotFound. */
export async function getItem(db: Kysely<Database>, collection: string, id: string): Promise<StacDocument> {
  const row = await db
    .selectFrom('items')
    .select(['content', 'links'])
    .where('collection', '=', collection)
    .where('id', '=', id)
    .executeTakeFirst();
  if (row === undefined) throw itemNotFound(collection, id);
  return row.links === null ? row.content : { ...row.content, links: row.links };
}

/** Replace a stored item; throws ItemNotFound when there is none to replace. */
export async function replaceItem(db: Kysely<Database>, item: StacDocument, member: string): Promise<void> {
  const collection = String(item.collection);
  const id = String(item.id);
  const exists = await db
    .selectFrom('items')
    .select('id')
    .where('collection', '=', collection)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (exists === undefined) throw itemNotFound(collection, id);
  await writeItems(db, [item], member, 'upsert');
}

/** Delete an item; throws ItemNotFound. */
export async function deleteItem(db: Kysely<Database>, collection: string, id: string): Promise<void> {
  const result = await db.deleteFrom('items').where('collection', '=', collection).where('id', '=', id).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw itemNotFound(collection, id);
}

function itemNotFound(collection: string, id: string): NotFoundError {
  return new NotFoundError('ItemNotFound', `no item "${id}" in collection "${collection}"`);
}
