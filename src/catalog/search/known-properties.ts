import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { InvalidRequestError } from '../../errors.js';
import { promotedField } from '../promoted-fields.js';

/**
 * Which of `names` (queryables a filter or sortby uses) are property keys of the items of
 * `collections` (all collections when null); promoted names need no look-up. Throws
 * UnknownQueryable for the first name that is neither.
 */
export async function knownProperties(
  db: Kysely<Database>,
  names: readonly string[],
  collections: readonly string[] | null,
): Promise<Set<string>> {
  const wanted = [...new Set(names.filter((n) => promotedField(n) === undefined))];
  if (wanted.length === 0) return new Set();
  let query = db.selectFrom('item_property_keys').select('name').distinct().where('name', 'in', wanted);
  if (collections !== null) query = query.where('collection', 'in', collections);
  const found = new Set((await query.execute()).map((r) => r.name));
  const unknown = wanted.find((n) => !found.has(n));
  if (unknown !== undefined) {
    throw new InvalidRequestError('UnknownQueryable', `"${unknown}" is not a queryable of the searched collections (see /queryables)`);
  }
  return found;
}
