import { type CompiledQuery, type Kysely, sql } from 'kysely';
import type { Database } from '../../db/index.js';
import { propertiesOf } from '../../stac/cql2/index.js';
import { knownProperties } from './known-properties.js';
import { searchConditions } from './search-conditions.js';
import type { SearchRequest } from './search-request.js';

/** The aggregations eopool computes, as /aggregations lists them (aggregation extension v0.3.0). */
export const AGGREGATIONS = [
  { name: 'total_count', data_type: 'integer' },
  { name: 'datetime_min', data_type: 'datetime' },
  { name: 'datetime_max', data_type: 'datetime' },
  { name: 'collection_frequency', data_type: 'frequency_distribution', frequency_distribution_data_type: 'string' },
  { name: 'platform_frequency', data_type: 'frequency_distribution', frequency_distribution_data_type: 'string' },
  { name: 'constellation_frequency', data_type: 'frequency_distribution', frequency_distribution_data_type: 'string' },
  { name: 'datetime_frequency', data_type: 'frequency_distribution', frequency_distribution_data_type: 'datetime' },
  { name: 'cloud_cover_frequency', data_type: 'frequency_distribution', frequency_distribution_data_type: 'numeric' },
] as const;

export type AggregationName = (typeof AGGREGATIONS)[number]['name'];
export type DatetimeInterval = 'day' | 'month' | 'year';

/** An aggregation search: the item search's conditions, the aggregations wanted and the datetime bucket. */
export interface AggregateRequest extends Omit<SearchRequest, 'limit' | 'token' | 'sortby'> {
  aggregations: AggregationName[];
  datetimeInterval: DatetimeInterval;
}

/** One bucket of a frequency distribution. */
export interface Bucket {
  key: string;
  data_type: 'string' | 'datetime' | 'numeric';
  frequency: number;
  from?: number;
  to?: number;
}

/** One result of the AggregationCollection (a single value, or buckets with the uncounted overflow). */
export type Aggregation =
  | { name: AggregationName; data_type: 'integer'; value: number }
  | { name: AggregationName; data_type: 'datetime'; value: string | null }
  | { name: AggregationName; data_type: 'frequency_distribution'; overflow: number; buckets: Bucket[] };

interface AggregateRow {
  name: string;
  key: string | null;
  frequency: string | number;
}

const UTC_TEXT = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/**
 * Compute the requested aggregations over the items a search would match, in one SQL statement
 * (the matches are read once). Times are the items' datetime (datetime ?? start_datetime), in UTC;
 * datetime buckets start at the UTC day, month or year; cloud cover buckets are 10 % wide, the last
 * one [90, 100] closed. Items without the aggregated value are the overflow.
 */
export async function aggregateItems(db: Kysely<Database>, request: AggregateRequest): Promise<Aggregation[]> {
  const rows = (await db.executeQuery<AggregateRow>(await compileAggregation(db, request))).rows;
  const total = Number(rows.find((r) => r.name === 'total_count')?.frequency ?? 0);
  return request.aggregations.map((name) => {
    const mine = rows.filter((r) => r.name === name);
    switch (name) {
      case 'total_count':
        return { name, data_type: 'integer', value: total };
      case 'datetime_min':
      case 'datetime_max':
        return { name, data_type: 'datetime', value: mine[0]?.key ?? null };
      default: {
        const type = name === 'datetime_frequency' ? 'datetime' : name === 'cloud_cover_frequency' ? 'numeric' : 'string';
        const buckets: Bucket[] = mine.map((r) => bucket(r, type)).sort(type === 'string' ? byFrequency : byKey);
        const counted = buckets.reduce((sum, b) => sum + b.frequency, 0);
        return { name, data_type: 'frequency_distribution', overflow: total - counted, buckets };
      }
    }
  });
}

/** Terms: the most frequent first. */
function byFrequency(a: Bucket, b: Bucket): number {
  return b.frequency - a.frequency || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Ranges: in order of their start (ISO keys sort as text; numeric ones by `from`). */
function byKey(a: Bucket, b: Bucket): number {
  return a.from !== undefined && b.from !== undefined ? a.from - b.from : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function bucket(row: AggregateRow, type: Bucket['data_type']): Bucket {
  const frequency = Number(row.frequency);
  if (type !== 'numeric') return { key: row.key as string, data_type: type, frequency };
  const from = Number(row.key) * 10;
  return { key: `${from}-${from + 10}`, data_type: type, frequency, from, to: from + 10 };
}

/** The statement {@link aggregateItems} runs, for EXPLAIN. */
export async function compileAggregation(db: Kysely<Database>, request: AggregateRequest): Promise<CompiledQuery<AggregateRow>> {
  const known = await knownProperties(db, request.filter === null ? [] : propertiesOf(request.filter), request.collections);
  const conditions = searchConditions(request, known).where;
  const wanted = new Set<string>([...request.aggregations, 'total_count']);
  const parts = [sql`SELECT 'total_count' AS name, NULL::text AS key, count(*) AS frequency FROM matched`];
  const terms = { collection_frequency: 'collection', platform_frequency: 'platform', constellation_frequency: 'constellation' } as const;
  for (const [name, column] of Object.entries(terms)) {
    if (!wanted.has(name)) continue;
    parts.push(sql`SELECT ${name}::text, ${sql.ref(column)}, count(*) FROM matched WHERE ${sql.ref(column)} IS NOT NULL GROUP BY 2`);
  }
  if (wanted.has('datetime_min')) parts.push(sql`SELECT 'datetime_min', to_char(min(sort_datetime) AT TIME ZONE 'UTC', ${sql.raw(UTC_TEXT)}), 0 FROM matched`);
  if (wanted.has('datetime_max')) parts.push(sql`SELECT 'datetime_max', to_char(max(sort_datetime) AT TIME ZONE 'UTC', ${sql.raw(UTC_TEXT)}), 0 FROM matched`);
  if (wanted.has('datetime_frequency')) {
    parts.push(sql`SELECT 'datetime_frequency', to_char(date_trunc(${request.datetimeInterval}::text, sort_datetime AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), count(*)
                   FROM matched GROUP BY 2`);
  }
  if (wanted.has('cloud_cover_frequency')) {
    parts.push(sql`SELECT 'cloud_cover_frequency', LEAST(floor(cloud_cover / 10), 9)::int::text, count(*)
                   FROM matched WHERE cloud_cover BETWEEN 0 AND 100 GROUP BY 2`);
  }
  const where = conditions.length === 0 ? sql`TRUE` : sql.join(conditions, sql` AND `);
  return sql<AggregateRow>`
    WITH matched AS MATERIALIZED (
      SELECT collection, platform, constellation, sort_datetime, cloud_cover FROM items WHERE ${where}
    )
    ${sql.join(parts, sql` UNION ALL `)}`.compile(db);
}
