import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { InvalidRequestError } from '../../errors.js';
import type { SortKey } from '../../stac/search/parse-sortby.js';
import { queryableOperand, type ValueType } from './queryable-operand.js';

/** One key of a search's order, with how its value travels in a page token. */
export interface SortColumn {
  value: RawBuilder<unknown>;
  /** The column of `items` it is, when it is one. */
  column: string | undefined;
  direction: 'asc' | 'desc';
  /** Whether the value can be null (a property that an item lacks). */
  nullable: boolean;
  /** The value as text for a token, exact (microseconds for times, every digit of a number). */
  key: RawBuilder<string | null>;
  /** A token's text back as a value of the column's type. */
  fromKey: (text: string) => RawBuilder<unknown>;
  /** Whether a token's text is a value of the column's type (a tampered token must not reach a cast). */
  accepts: (text: string) => boolean;
}

/** Columns that are never null. */
const NOT_NULL: ReadonlySet<string> = new Set(['sort_datetime', 'collection', 'id', 'member', 'ingested']);

/**
 * The order of a search: the sortby keys (default: datetime descending), then collection and id
 * unless named already, so that the order is total and a position in it unique. Ascending keys put
 * nulls last and descending ones first, PostgreSQL's defaults, which the b-tree indexes follow.
 * Throws UnknownQueryable for a name that is not a queryable, InvalidSortby for the geometry.
 */
export function sortColumns(sortby: readonly SortKey[], known: ReadonlySet<string>): SortColumn[] {
  const keys: SortKey[] = sortby.length === 0 ? [{ field: 'datetime', direction: 'desc' }] : [...sortby];
  for (const tail of ['collection', 'id']) if (!keys.some((k) => k.field === tail)) keys.push({ field: tail, direction: 'asc' });
  return keys.map((key) => {
    const operand = queryableOperand(key.field, known);
    if (operand.type === 'geometry') throw new InvalidRequestError('InvalidSortby', 'sortby cannot order by geometry');
    return {
      value: operand.sql,
      column: operand.column,
      direction: key.direction,
      nullable: operand.column === undefined || !NOT_NULL.has(operand.column),
      ...tokenText(operand.sql, operand.type),
    };
  });
}

function tokenText(value: RawBuilder<unknown>, type: ValueType): Pick<SortColumn, 'key' | 'fromKey' | 'accepts'> {
  switch (type) {
    case 'timestamp':
      return {
        key: sql<string | null>`to_char(${value} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
        fromKey: (text) => sql`${text}::timestamptz`,
        accepts: (text) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(text) && !Number.isNaN(Date.parse(text)),
      };
    case 'number':
      return { key: sql<string | null>`(${value})::text`, fromKey: (text) => sql`${text}::float8`, accepts: (text) => /^-?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$|^(-?Infinity|NaN)$/i.test(text) };
    case 'string[]':
      return { key: sql<string | null>`(${value})::text`, fromKey: (text) => sql`${text}::text[]`, accepts: (text) => text.startsWith('{') && text.endsWith('}') };
    case 'json':
      return { key: sql<string | null>`(${value})::text`, fromKey: (text) => sql`${text}::jsonb`, accepts: isJson };
    default:
      return { key: sql<string | null>`(${value})::text`, fromKey: (text) => sql`${text}::text`, accepts: () => true };
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** `ORDER BY` terms, reversed for a previous page (which is read backwards, then turned round). */
export function orderTerms(columns: readonly SortColumn[], backwards: boolean): RawBuilder<unknown>[] {
  return columns.map((c) => {
    const descending = (c.direction === 'desc') !== backwards;
    return descending ? sql`${c.value} DESC` : sql`${c.value} ASC`;
  });
}

/**
 * The rows strictly after `position` in the order of `columns` (before it, for a previous page): a
 * keyset, never an offset, so pages stay right while items are added. Nulls sort last ascending
 * and first descending, as in {@link orderTerms}. When the first key cannot be null, a plain bound
 * on it leads, so an index on that key starts at the position instead of the beginning.
 */
export function afterPosition(columns: readonly SortColumn[], position: readonly (string | null)[], backwards: boolean): RawBuilder<SqlBool> {
  const alternatives: RawBuilder<SqlBool>[] = [];
  const equalSoFar: RawBuilder<SqlBool>[] = [];
  columns.forEach((column, i) => {
    const text = position[i] ?? null;
    const value = text === null ? null : column.fromKey(text);
    const descending = (column.direction === 'desc') !== backwards;
    const beyond =
      value === null
        ? descending
          ? sql<SqlBool>`${column.value} IS NOT NULL`
          : null
        : descending
          ? sql<SqlBool>`${column.value} < ${value}`
          : column.nullable
            ? sql<SqlBool>`(${column.value} > ${value} OR ${column.value} IS NULL)`
            : sql<SqlBool>`${column.value} > ${value}`;
    if (beyond !== null) alternatives.push(sql<SqlBool>`(${sql.join([...equalSoFar, beyond], sql` AND `)})`);
    equalSoFar.push(value === null ? sql<SqlBool>`${column.value} IS NULL` : sql<SqlBool>`${column.value} = ${value}`);
  });
  const any = alternatives.length === 0 ? sql<SqlBool>`FALSE` : sql<SqlBool>`(${sql.join(alternatives, sql` OR `)})`;
  const first = columns[0];
  const firstText = position[0] ?? null;
  if (first === undefined || firstText === null || first.nullable) return any;
  const descending = (first.direction === 'desc') !== backwards;
  const bound = descending ? sql<SqlBool>`${first.value} <= ${first.fromKey(firstText)}` : sql<SqlBool>`${first.value} >= ${first.fromKey(firstText)}`;
  return sql<SqlBool>`(${bound} AND ${any})`;
}
