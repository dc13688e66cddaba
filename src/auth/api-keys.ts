import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ApiKeyRow, Database } from '../db/index.js';
import { NotFoundError } from '../errors.js';

export type Role = 'reader' | 'member' | 'admin';

/** Who is calling: resolved from a key once per request. `member` is null only for admins. */
export interface Principal {
  keyId: string;
  member: string | null;
  role: Role;
}

/** A key as listed: never its secret. */
export interface ApiKeyInfo {
  id: string;
  member: string | null;
  role: Role;
  created: string;
  revoked: string | null;
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Create a key; the secret is in the answer this once and stored only as its hash. */
export async function createApiKey(
  db: Kysely<Database>,
  input: { member: string | null; role: Role },
): Promise<ApiKeyInfo & { key: string }> {
  const id = randomBytes(6).toString('hex');
  const key = `eop_${id}_${randomBytes(32).toString('base64url')}`;
  const row = await db
    .insertInto('api_keys')
    .values({ id, member: input.member, role: input.role, key_hash: hashKey(key) })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...apiKeyInfo(row), key };
}

export async function listApiKeys(db: Kysely<Database>): Promise<ApiKeyInfo[]> {
  const rows = await db.selectFrom('api_keys').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(apiKeyInfo);
}

export async function revokeApiKey(db: Kysely<Database>, id: string): Promise<void> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new NotFoundError('KeyNotFound', `no active key with id "${id}"`);
}

/**
 * The principal behind a presented key, or null when the key is unknown or revoked. The bootstrap
 * admin key from the configuration is compared in constant time and never stored.
 */
export async function resolveApiKey(
  db: Kysely<Database>,
  presented: string,
  adminKey: string | null,
): Promise<Principal | null> {
  if (adminKey !== null && constantTimeEqual(presented, adminKey)) {
    return { keyId: 'bootstrap-admin', member: null, role: 'admin' };
  }
  const row = await db
    .selectFrom('api_keys')
    .select(['id', 'member', 'role'])
    .where('key_hash', '=', hashKey(presented))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row === undefined ? null : { keyId: row.id, member: row.member, role: row.role };
}

function constantTimeEqual(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(hashKey(a), 'hex'), Buffer.from(hashKey(b), 'hex'));
}

function apiKeyInfo(row: ApiKeyRow): ApiKeyInfo {
  return {
    id: row.id,
    member: row.member,
    role: row.role,
    created: row.created_at.toISOString(),
    revoked: row.revoked_at?.toISOString() ?? null,
  };
}
