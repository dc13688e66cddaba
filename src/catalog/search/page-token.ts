import { InvalidRequestError } from '../../errors.js';

/**
 * Where a page starts: after (`next`) or before (`prev`) the item at `position`, whose sort keys
 * are given as the database prints them (text; null for a missing value), ending with collection
 * and id, so a position is exact to the microsecond and unique.
 */
export interface PageToken {
  direction: 'next' | 'prev';
  position: (string | null)[];
}

/** An opaque, URL-safe token for a page boundary. */
export function encodePageToken(token: PageToken): string {
  return Buffer.from(JSON.stringify([token.direction === 'next' ? 'n' : 'p', ...token.position])).toString('base64url');
}

/**
 * Decode a token made by {@link encodePageToken} for a sort of `keyCount` keys; throws InvalidToken
 * for anything else (including a token of a search sorted differently).
 */
export function decodePageToken(token: string, keyCount: number): PageToken {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== keyCount + 1 ||
    (decoded[0] !== 'n' && decoded[0] !== 'p') ||
    !decoded.slice(1).every((v) => v === null || typeof v === 'string')
  ) {
    throw new InvalidRequestError('InvalidToken', 'token is not a paging token of this search; follow the next or prev link as given');
  }
  return { direction: decoded[0] === 'n' ? 'next' : 'prev', position: decoded.slice(1) as (string | null)[] };
}
