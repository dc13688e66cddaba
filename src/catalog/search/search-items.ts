import { type CompiledQuery, type Kysely, type RawBuilder, sql, type SqlBool } from 'kysely';
import type { Database } from '../../db/index.js';
import { InvalidRequestError } from '../../errors.js';
import { propertiesOf } from '../../stac/cql2/index.js';
import { knownProperties } from './known-properties.js';
import { decodePageToken, encodePageToken } from './page-token.js';
import { ITEM_TIME_END, isLongWindow, windowStartDays } from './item-extent.js';
import { type NarrowableWindow, searchConditions, type WindowPartStart } from './search-conditions.js';
import type { SearchRequest } from './search-request.js';
import { afterPosition, orderTerms, type SortColumn, sortColumns } from './sort-order.js';

/** One item of a page, as stored: its document as JSON text, with its own links apart. */
export interface SearchHit {
  collection: string;
  id: string;
  /** The stored document without `links`, as JSON text (never parsed on the way out). */
  document: string;
  /** The stored document's `links` as JSON text, or null when it has none. */
  links: string | null;
}

export interface SearchPage {
  items: SearchHit[];
  /** The exact number of matches, or null when counting them would cost more than the page. */
  numberMatched: number | null;
  /** Token of the next page; null on the last one. */
  next: string | null;
  /** Token of the previous page; null on the first one. */
  prev: string | null;
}

/**
 * Run a search: the page in the requested order (default datetime descending, always ending with
 * collection and id), continuing after (or before) the token's position by keyset, never OFFSET,
 * read in one SQL statement on the promoted columns and the spatial, temporal and space-time
 * indexes. A first page of a search by place within a bounded window, newest first, reads the
 * window's newest parts first and stops at the first that holds the page; only when none does are
 * all matches read, and then counted. Another first page the planner expects to match few items
 * (one EXPLAIN without execution) reads them all, counts them and sorts them; one expected to match
 * many walks the order's index and stops after the page. numberMatched is left out rather than
 * counting every match for it.
 * Property names other than the promoted ones are first checked against the searched collections'
 * keys (one small look-up, only when there are such).
 *
 * @throws InvalidRequestError `UnknownQueryable`, `InvalidFilter`, `InvalidSortby`, `InvalidToken`;
 *   `InvalidFilter` too when the database cannot evaluate the filter's values (an overflow, a
 *   negative number to a fractional power)
 */
export async function searchItems(db: Kysely<Database>, request: SearchRequest): Promise<SearchPage> {
  const plan = await planSearch(db, request);
  const rows = (await execute(db, plan.query)).rows;
  const hasMore = rows.length > request.limit;
  const page = rows.slice(0, request.limit);
  if (plan.backwards) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  const token = (direction: 'next' | 'prev', row: PageRow) => encodePageToken({ direction, position: row.keys });
  const matched = rows.length === 0 ? (plan.counted ? 0 : null) : (rows[0] as PageRow).matched;
  return {
    items: page.map((r) => ({ collection: r.collection, id: r.id, document: r.document, links: r.links })),
    numberMatched: matched === null ? null : Number(matched),
    next: last !== undefined && (plan.backwards || hasMore) ? token('next', last) : null,
    prev: first !== undefined && (plan.backwards ? hasMore : request.token !== null) ? token('prev', first) : null,
  };
}

/** The statement {@link searchItems} runs, for EXPLAIN (the benchmark prints one per kind of query). */
export async function compileSearch(db: Kysely<Database>, request: SearchRequest): Promise<CompiledQuery> {
  return (await planSearch(db, request)).query;
}

interface PageRow {
  matched: string | number | null;
  collection: string;
  id: string;
  keys: (string | null)[];
  document: string;
  links: string | null;
}

interface Plan {
  query: CompiledQuery<PageRow>;
  backwards: boolean;
  /** Whether the statement counts every match (then an empty page means none). */
  counted: boolean;
}

async function planSearch(db: Kysely<Database>, request: SearchRequest): Promise<Plan> {
  const names = [...(request.filter === null ? [] : propertiesOf(request.filter)), ...request.sortby.map((k) => k.field)];
  const known = await knownProperties(db, names, request.collections);
  const columns = sortColumns(request.sortby, known);
  const { where: conditions, estimable, narrowable } = searchConditions(request, known);
  const token = request.token === null ? null : decodePageToken(request.token, columns.length);
  if (token !== null && !token.position.every((text, i) => text === null || (columns[i] as SortColumn).accepts(text))) {
    throw new InvalidRequestError('InvalidToken', 'token is not a paging token of this search; follow the next or prev link as given');
  }
  const backwards = token?.direction === 'prev';
  const after = token === null ? null : afterPosition(columns, token.position, backwards);
  const limit = request.limit + 1;
  const windowEnd = request.datetime?.end ?? null;
  const uncounted = (page: RawBuilder<unknown>): Plan => ({ query: sql<PageRow>`${uncountedPage(page, columns)}`.compile(db), backwards, counted: false });
  const ordered = () => orderedPage(after === null ? conditions : [...conditions, after], columns, backwards, limit, windowEnd);
  // A page after the first is read without a count: the first page gave it when it was cheap,
  // and counting again on every page would cost each page what the first one cost.
  if (after !== null) return uncounted(walkFirst(conditions, after, columns, backwards, limit, windowEnd) ?? ordered());
  const newestFirst = narrowable === null ? null : newestPartsFirst(narrowable, conditions, columns, limit);
  if (newestFirst !== null) return { query: sql<PageRow>`${wholeRows(newestFirst, columns, sql`page.matched`)}`.compile(db), backwards, counted: true };
  if ((await expectedMatches(db, estimable)) > COUNT_ESTIMATE_MAX) {
    return uncounted(walkFirst(conditions, null, columns, backwards, limit, windowEnd) ?? ordered());
  }
  return { query: sql<PageRow>`${windowPage(conditions, columns, backwards, limit)}`.compile(db), backwards, counted: true };
}

function all(conditions: readonly RawBuilder<SqlBool>[]): RawBuilder<unknown> {
  return conditions.length === 0 ? sql`TRUE` : sql.join(conditions, sql` AND `);
}

/** The order's values as the columns `sort_0`, `sort_1`, … of a page's inner select. */
function sortValues(columns: readonly SortColumn[]): RawBuilder<unknown> {
  return sql.join(columns.map((c, i) => sql`${c.value} AS ${sql.ref(`sort_${i}`)}`));
}

/** The items meeting every condition, as their addresses (`tid`) and the order's values ({@link sortValues}). */
function matchingRows(columns: readonly SortColumn[], conditions: readonly RawBuilder<SqlBool>[]): RawBuilder<unknown> {
  return sql`SELECT items.ctid AS tid, ${sortValues(columns)} FROM items WHERE ${all(conditions)}`;
}

/** The order's columns as read back from `alias`, a select of {@link sortValues}. */
function sortedFrom(columns: readonly SortColumn[], alias: string): SortColumn[] {
  return columns.map((c, i) => ({ ...c, value: sql.ref(`${alias}.sort_${i}`) }));
}

/**
 * The page's rows (their addresses, `tid`), in order. In the default order (datetime descending)
 * with a window that ends, the walk down the sort index starts at the window's end rather than at
 * the newest item: an item overlapping the window has its datetime (or, without one, its start) at most the
 * window's end, except an item with both a datetime and a range, whose datetime may lie anywhere in
 * it. Those few come from their own small index, merged in. Without this, a window years back
 * makes the planner walk past every newer item.
 */
function orderedPage(
  conditions: readonly RawBuilder<SqlBool>[],
  columns: readonly SortColumn[],
  backwards: boolean,
  limit: number,
  windowEnd: string | null,
): RawBuilder<unknown> {
  const first = columns[0];
  const sorted = (extra: RawBuilder<SqlBool>[]) =>
    sql`${matchingRows(columns, [...conditions, ...extra])} ORDER BY ${sql.join(orderTerms(columns, backwards))} LIMIT ${limit}`;
  if (windowEnd === null || first === undefined || first.column !== 'sort_datetime' || first.direction !== 'desc') return sorted([]);
  const end = sql`${windowEnd}::timestamptz`;
  const refs = sortedFrom(columns, 'bounded');
  return sql`SELECT bounded.tid
             FROM ((${sorted([sql<SqlBool>`items.sort_datetime <= ${end}`])})
                   UNION ALL
                   (${sorted([sql<SqlBool>`items.sort_datetime > ${end}`, RANGED])})) AS bounded
             ORDER BY ${sql.join(orderTerms(refs, backwards))} LIMIT ${limit}`;
}

/**
 * Rows of the default order a page walks, per row of the page, before it gives up on the walk;
 * never more than WALK_ROWS_MAX, so a page of thousands of items cannot walk millions of rows.
 */
const WALK_ROWS_PER_ROW = 100;
const WALK_ROWS_MAX = 10_000;

/**
 * A page in the default order walked down the sort index (from the token's position, or from the
 * window's end for a first page expected to match many), testing each item on its way, when the
 * matches lie dense enough in time to fill the page within a bounded walk (deep paging, or a large
 * area and period: the page costs its own few hundred rows, not every match of the search). When
 * the walk does not fill the page, the matches are read by their indexes and sorted, so a sparse
 * search pays the bounded walk and nothing more. Items with a range and a datetime after the
 * window's end come from their own index, as in {@link orderedPage}. Null when the order does not
 * start with the datetime or has nullable keys.
 */
function walkFirst(
  conditions: readonly RawBuilder<SqlBool>[],
  after: RawBuilder<SqlBool> | null,
  columns: readonly SortColumn[],
  backwards: boolean,
  limit: number,
  windowEnd: string | null,
): RawBuilder<unknown> | null {
  if (columns[0]?.column !== 'sort_datetime' || columns.some((c) => c.nullable)) return null;
  const order = (alias: string) => sql.join(orderTerms(sortedFrom(columns, alias), backwards));
  const names = sql.join(columns.map((_, i) => sql.ref(`sort_${i}`)));
  const beforeEnd = windowEnd === null ? [] : [sql<SqlBool>`items.sort_datetime <= ${windowEnd}::timestamptz`];
  const keyset = after === null ? [] : [after];
  const walked = sql`SELECT walk.tid, ${names}
    FROM (SELECT items.ctid AS tid, ${sortValues(columns)}, (${all(conditions)}) AS hit
          FROM items WHERE ${all([...keyset, ...beforeEnd])}
          ORDER BY ${sql.join(orderTerms(columns, backwards))} LIMIT ${Math.min(limit * WALK_ROWS_PER_ROW, WALK_ROWS_MAX)}) AS walk
    WHERE walk.hit ORDER BY ${order('walk')} LIMIT ${limit}`;
  const hits =
    windowEnd === null
      ? walked
      : sql`SELECT merged.tid, ${names}
            FROM ((${walked}) UNION ALL
                  (${matchingRows(columns, [...conditions, ...keyset, sql<SqlBool>`items.sort_datetime > ${windowEnd}::timestamptz`, RANGED])}
                   ORDER BY ${sql.join(orderTerms(columns, backwards))} LIMIT ${limit})) AS merged
            ORDER BY ${order('merged')} LIMIT ${limit}`;
  const filled = sql`(SELECT count(*) FROM hits) = ${limit}`;
  // The walk fell short: the matches are sparse in time, so they are read by their own indexes
  // (place, time, properties) and sorted, never by a longer walk. MATERIALIZED keeps the planner
  // from walking the sort index anyway.
  return sql`WITH hits AS (${hits}),
    matches AS MATERIALIZED (${matchingRows(columns, [...conditions, ...keyset])})
    SELECT chosen.tid FROM (
      SELECT hits.tid, row_number() OVER (ORDER BY ${order('hits')}) AS position FROM hits WHERE ${filled}
      UNION ALL
      SELECT first.tid, row_number() OVER (ORDER BY ${order('first')}) AS position
      FROM (SELECT matches.* FROM matches WHERE NOT ${filled} ORDER BY ${order('matches')} LIMIT ${limit}) AS first
    ) AS chosen
    ORDER BY chosen.position`;
}

/** The parts of a window a first page reads first, newest first, each the newest sixteenth of the next. */
const WINDOW_PART_FRACTIONS = [1 / 4096, 1 / 256, 1 / 16];

/**
 * A first page, newest first, of a search by place within a bounded window, read part by part from
 * the window's end: the newest 1/4096 of the window, then 1/256, then 1/16, each through the n-D
 * space-time index, stopping at the first part that holds a full page, and the whole window last.
 * A part holds every match whose datetime lies in it, so its newest matches are the search's. The
 * parts are a VALUES list read by one LATERAL subquery: one plan for all of them, and no estimate
 * first. A part that does not fill holds fewer matches than a page, and the part after it spans
 * sixteen times as long, so with matches spread through the window a page reads about sixteen
 * pages' worth of them at most, however many the window holds. Only when no part fills is the
 * whole window read (through the footprint-and-timeline index when it is long), and then counted:
 * numberMatched is given when every match is read anyway. Items whose datetime lies after their own
 * range (the datetime orders them, the range places them in time) come from the partial index of
 * such items. Null when the order does not start with the datetime descending.
 */
function newestPartsFirst(
  narrowable: NarrowableWindow,
  conditions: readonly RawBuilder<SqlBool>[],
  columns: readonly SortColumn[],
  limit: number,
): RawBuilder<unknown> | null {
  const { window } = narrowable;
  const first = columns[0];
  if (first?.column !== 'sort_datetime' || first.direction !== 'desc') return null;
  const startMs = Date.parse(window.start);
  const endMs = Date.parse(window.end);
  const whole = WINDOW_PART_FRACTIONS.length;
  const parts = sql.join([
    ...WINDOW_PART_FRACTIONS.map((fraction, k) => {
      const cutMs = Math.max(startMs, endMs - (endMs - startMs) * fraction);
      return sql`(${k}::int, ${new Date(cutMs).toISOString()}::timestamptz, ${windowStartDays(cutMs)}::float8)`;
    }),
    sql`(${whole}::int, '-infinity'::timestamptz, ${windowStartDays(startMs)}::float8)`,
  ]);
  const from: WindowPartStart = { time: sql`GREATEST(part.sorted_from, ${window.start}::timestamptz)`, days: sql<number>`part.from_days` };
  const inPart = sql<SqlBool>`items.sort_datetime >= part.sorted_from`;
  // A condition on the part alone is tested once per part, so an arm that does not serve the part
  // is skipped.
  const long = isLongWindow(window);
  const nearest = matchingRows(columns, [...narrowable.from(from, false), inPart, ...(long ? [sql<SqlBool>`part.k < ${whole}`] : [])]);
  const wholeWindow = matchingRows(columns, [...narrowable.from(from, true), sql<SqlBool>`part.k = ${whole}`]);
  // The search's conditions as one CASE: the planner neither estimates them (which would cost it
  // more than reading the few such items) nor reads them through their own indexes. The whole
  // window needs no such arm: it holds every match.
  const lateDatetime = matchingRows(columns, [
    DATETIME_AFTER_RANGE,
    inPart,
    sql<SqlBool>`part.k < ${whole}`,
    sql<SqlBool>`${ITEM_TIME_END} < ${from.time}`,
    sql<SqlBool>`CASE WHEN ${all(conditions)} THEN TRUE ELSE FALSE END`,
  ]);
  const arms = sql.join(
    [nearest, lateDatetime, ...(long ? [wholeWindow] : [])].map((arm) => sql`(${arm})`),
    sql` UNION ALL `,
  );
  return sql`(
    SELECT row_number() OVER () AS position, chosen.tid, chosen.matched
    FROM (SELECT hit.tid, CASE WHEN part.k = ${whole} THEN hit.found END AS matched
          FROM (VALUES ${parts}) AS part(k, sorted_from, from_days)
          CROSS JOIN LATERAL (
            SELECT matches.tid, count(*) OVER () AS found FROM (${arms}) AS matches
            ORDER BY ${sql.join(orderTerms(sortedFrom(columns, 'matches'), false))}
            LIMIT ${limit}) AS hit
          WHERE hit.found >= ${limit} OR part.k = ${whole}
          LIMIT ${limit}) AS chosen
  ) AS page`;
}

/** Items whose datetime lies after their own range: the condition of their partial index in sql/0015. */
const DATETIME_AFTER_RANGE = sql<SqlBool>`items.datetime > ${ITEM_TIME_END}`;

/** Items with both a datetime and a range: the condition of their partial index in sql/0004_search.sql. */
const RANGED = sql<SqlBool>`items.datetime IS NOT NULL AND (items.start_datetime IS NOT NULL OR items.end_datetime IS NOT NULL)`;

/**
 * The page's rows read whole, in page order: only they are read from TOAST, never every match. The
 * document and its links are printed as stored (json text), never rebuilt. Each row is fetched by
 * the address (ctid) its scan found it at, which within one statement's snapshot names that very
 * row version; joining on the primary key instead gave the planner a join to weigh against every
 * index (0.25 ms more planning and 0.34 ms more in all, median of a page at 1,000,000 items).
 */
function wholeRows(page: RawBuilder<unknown>, columns: readonly SortColumn[], matched: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    SELECT ${matched} AS matched, items.collection, items.id,
           ARRAY[${sql.join(columns.map((c) => c.key))}]::text[] AS keys,
           items.content::text AS document, items.links::text AS links
    FROM ${page}
    JOIN items ON items.ctid = page.tid
    ORDER BY page.position`;
}

/** A first page reading every match: counted, sorted, the page taken. */
function windowPage(conditions: readonly RawBuilder<SqlBool>[], columns: readonly SortColumn[], backwards: boolean, limit: number): RawBuilder<unknown> {
  const sorted = sortedFrom(columns, 'matches');
  const page = sql`(
    SELECT row_number() OVER () AS position, ordered.*
    FROM (SELECT matches.tid, matches.matched
          FROM (SELECT items.ctid AS tid, ${sortValues(columns)}, count(*) OVER () AS matched
                FROM items WHERE ${all(conditions)}) AS matches
          ORDER BY ${sql.join(orderTerms(sorted, backwards))}
          LIMIT ${limit}) AS ordered
  ) AS page`;
  return wholeRows(page, columns, sql`page.matched`);
}

/** A page read in its own plan (an index walk that stops early), without a count. */
function uncountedPage(ordered: RawBuilder<unknown>, columns: readonly SortColumn[]): RawBuilder<unknown> {
  const page = sql`(SELECT row_number() OVER () AS position, ordered.tid FROM (${ordered}) AS ordered) AS page`;
  return wholeRows(page, columns, sql`NULL::bigint`);
}

/**
 * How many items the planner expects the search to match, from an EXPLAIN without execution of
 * the search's estimable form (one table, a few conditions: a fraction of a millisecond).
 */
async function expectedMatches(db: Kysely<Database>, estimable: readonly RawBuilder<SqlBool>[]): Promise<number> {
  const explained = await sql<{ 'QUERY PLAN': unknown }>`EXPLAIN (FORMAT JSON) SELECT 1 FROM items WHERE ${all(estimable)}`.execute(db);
  const raw = explained.rows[0]?.['QUERY PLAN'];
  const document = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan?: { 'Plan Rows'?: number } }[];
  return document[0]?.Plan?.['Plan Rows'] ?? Infinity;
}

/** A first page reads and counts every match when the planner expects at most this many. */
const COUNT_ESTIMATE_MAX = 1_000;

/** Run the page's statement; a value the database cannot compute (SQLSTATE class 22) is the filter's fault. */
async function execute(db: Kysely<Database>, query: CompiledQuery<PageRow>) {
  try {
    return await db.executeQuery(query);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('22')) {
      throw new InvalidRequestError('InvalidFilter', `the filter cannot be evaluated: ${(error as Error).message}`);
    }
    throw error;
  }
}
