import { type Kysely, sql } from 'kysely';
import type { Principal } from '../auth/index.js';
import type { Database } from '../db/index.js';
import { ConflictError, ForbiddenError, InvalidRequestError, NotFoundError } from '../errors.js';
import type { StacDocument } from '../ingest/prepare-stac.js';

export const MEMBER_PROPERTY = 'eopool:member';

export async function listCollections(db: Kysely<Database>): Promise<StacDocument[]> {
  const rows = await db.selectFrom('collections').select('content').orderBy('id').execute();
  return rows.map((r) => r.content);
}

/** The stored collection document; throws CollectionNotFound. */
export async function getCollection(db: Kysely<Database>, id: string): Promise<StacDocument> {
  const row = await db.selectFrom('collections').select('content').where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw collectionNotFound(id);
  return row.content;
}

/**
 * The member that owns collection `id`, after checking that `principal` may write into it: an admin
 * anywhere, a member only into its own. Throws CollectionNotFound or Forbidden.
 */
export async function authorizeCollectionWrite(
  db: Kysely<Database>,
  id: string,
  principal: Principal,
): Promise<string> {
  const row = await db.selectFrom('collections').select('member').where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw collectionNotFound(id);
  if (principal.role !== 'admin' && principal.member !== row.member) {
    throw new ForbiddenError('Forbidden', `collection "${id}" belongs to ${row.member}; a ${principal.member} key may not write to it`);
  }
  return row.member;
}

/**
 * The owner a new or replaced collection gets: the writer's member, or for an admin the
 * `eopool:member` the document names. A member naming another member is refused.
 */
export function owningMember(document: StacDocument, principal: Principal): string {
  const named = document[MEMBER_PROPERTY];
  if (named !== undefined && typeof named !== 'string') {
    throw new InvalidRequestError('InvalidMember', `"${MEMBER_PROPERTY}" must be a member code such as "KZ"`);
  }
  if (principal.role === 'admin') {
    if (named === undefined) {
      throw new InvalidRequestError('MissingMember', `an admin creating a collection must name its owner in "${MEMBER_PROPERTY}"`);
    }
    return named;
  }
  if (principal.member === null) throw new ForbiddenError('Forbidden', 'this key belongs to no member');
  if (named !== undefined && named !== principal.member) {
    throw new ForbiddenError('Forbidden', `a ${principal.member} key may not create a collection owned by ${named}`);
  }
  return principal.member;
}

/** Insert a collection; throws CollectionExists (409) or UnknownMember. */
export async function createCollection(db: Kysely<Database>, document: StacDocument, member: string): Promise<void> {
  await assertMemberExists(db, member);
  const inserted = await db
    .insertInto('collections')
    .values({ id: String(document.id), member, content: JSON.stringify({ ...document, [MEMBER_PROPERTY]: member }) })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted === undefined) throw new ConflictError('CollectionExists', `collection "${String(document.id)}" already exists`);
}

/** Replace a stored collection's document (and owner). */
export async function replaceCollection(db: Kysely<Database>, document: StacDocument, member: string): Promise<void> {
  await assertMemberExists(db, member);
  const id = String(document.id);
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('collections')
      .set({ member, content: JSON.stringify({ ...document, [MEMBER_PROPERTY]: member }), updated_at: sql`now()` })
      .where('id', '=', id)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw collectionNotFound(id);
    // Items carry their collection's owner as a promoted column; an owner change moves them along.
    await trx.updateTable('items').set({ member }).where('collection', '=', id).where('member', '<>', member).execute();
  });
}

/** Delete a collection; one that still has items is a 409 unless `cascade`, which deletes them too. */
export async function deleteCollection(db: Kysely<Database>, id: string, cascade: boolean): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom('collections').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    if (exists === undefined) throw collectionNotFound(id);
    if (!cascade) {
      const item = await trx.selectFrom('items').select('id').where('collection', '=', id).limit(1).executeTakeFirst();
      if (item !== undefined) {
        throw new ConflictError('CollectionNotEmpty', `collection "${id}" still has items; delete them first or pass cascade=true`);
      }
    }
    await trx.deleteFrom('collections').where('id', '=', id).execute();
  });
}

async function assertMemberExists(db: Kysely<Database>, member: string): Promise<void> {
  const row = await db.selectFrom('members').select('code').where('code', '=', member).executeTakeFirst();
  if (row === undefined) throw new InvalidRequestError('UnknownMember', `"${member}" is not an SCO member code`);
}

export function collectionNotFound(id: string): NotFoundError {
  return new NotFoundError('CollectionNotFound', `no collection "${id}"`);
}
