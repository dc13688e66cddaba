import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { PROMOTED_FIELDS, promotedField } from '../promoted-fields.js';

/** A queryable and its JSON Schema. */
export interface Queryable {
  name: string;
  schema: Record<string, unknown>;
}

/**
 * The queryables of one collection, or of all (`null`): the promoted fields, then every other
 * property key present in the items, typed by the JSON types its values take, in name order.
 */
export async function listQueryables(db: Kysely<Database>, collection: string | null): Promise<Queryable[]> {
  let query = db.selectFrom('item_property_keys').select(['name', 'json_type']).distinct().orderBy('name').orderBy('json_type');
  if (collection !== null) query = query.where('collection', '=', collection);
  const types = new Map<string, string[]>();
  for (const row of await query.execute()) {
    if (promotedField(row.name) !== undefined) continue;
    types.set(row.name, [...(types.get(row.name) ?? []), row.json_type]);
  }
  const promoted = PROMOTED_FIELDS.map((f) => ({ name: f.name, schema: f.schema }));
  const others = [...types].map(([name, jsonTypes]) => ({
    name,
    schema: { title: name, type: jsonTypes.length === 1 ? jsonTypes[0] : jsonTypes },
  }));
  return [...promoted, ...others];
}
