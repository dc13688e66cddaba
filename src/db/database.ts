import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** A timestamptz column: read as a Date, written as a Date or an RFC 3339 string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamptz the database fills in unless told otherwise. */
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/**
 * A jsonb column: read as parsed JSON; written as JSON text, because `pg` turns JS arrays into
 * PostgreSQL array literals and both drivers then agree on text.
 */
type Json<T> = ColumnType<T, string, string>;

export interface MembersTable {
  code: string;
  name: string;
  agency: string;
}

export interface ApiKeysTable {
  id: string;
  member: string | null;
  role: 'reader' | 'member' | 'admin';
  key_hash: string;
  created_at: DefaultedTimestamp;
  revoked_at: Timestamp | null;
}

export interface CollectionsTable {
  id: string;
  member: string;
  content: Json<Record<string, unknown>>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface ItemsTable {
  collection: string;
  id: string;
  /** Written as an SQL expression (ST_GeomFromGeoJSON); never selected raw. */
  geometry: ColumnType<unknown, unknown, unknown>;
  datetime: Timestamp | null;
  start_datetime: Timestamp | null;
  end_datetime: Timestamp | null;
  sort_datetime: ColumnType<Date, never, never>;
  interval_start: ColumnType<Date, never, never>;
  interval_end: ColumnType<Date, never, never>;
  cloud_cover: number | null;
  platform: string | null;
  constellation: string | null;
  instruments: string[] | null;
  gsd: number | null;
  off_nadir: number | null;
  member: string;
  ingested: DefaultedTimestamp;
  /** The document without its links (json: stored and printed as the text it was written as). */
  content: Json<Record<string, unknown>>;
  /** The document's links; null only when it had none. */
  links: Json<unknown[]> | null;
}

/** A property key present in a collection's items, with one JSON type it takes (for /queryables). */
export interface ItemPropertyKeysTable {
  collection: string;
  name: string;
  json_type: string;
}

export interface SatellitesTable {
  norad_id: number;
  name: string;
  operator: string;
  member: string | null;
  sensor: 'optical' | 'sar';
  instrument: string | null;
  swath_km: number | null;
  field_of_regard_deg: number | null;
  gsd_m: number | null;
  tle_line1: string;
  tle_line2: string;
  tle_epoch: Timestamp;
  swath_source: string | null;
  notes: string | null;
  reference: ColumnType<boolean, boolean | undefined, boolean>;
  other_instruments: Json<unknown> | null;
  updated_at: DefaultedTimestamp;
}

export interface TleHistoryTable {
  norad_id: number;
  epoch: Timestamp;
  line1: string;
  line2: string;
  received_at: DefaultedTimestamp;
}

export interface TerritoriesTable {
  id: string;
  name: string;
  kind: 'country' | 'region' | 'emergency' | 'resource';
  member: string | null;
  seeded: ColumnType<boolean, boolean | undefined, boolean>;
  geometry: ColumnType<unknown, unknown, unknown>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

/** A stored revisit window of a territory (sql/0005_revisit.sql). */
export interface RevisitRunsTable {
  /** A bigint: read as a string. */
  id: Generated<string>;
  territory: string;
  window_start: Timestamp;
  window_end: Timestamp;
  mode: 'nadir' | 'agile';
  grid_km: number;
  sun_elevation_min_deg: number;
  scope: string;
  inputs_digest: string;
  report: Json<Record<string, unknown>>;
  /** Per grid point: [longitude deg, latitude deg, visits, mean revisit h | null, largest gap h | null]. */
  points: Json<(number | null)[][]>;
  computed_at: DefaultedTimestamp;
}

/** A predicted pass of a stored revisit window. */
export interface PassesTable {
  revisit_run: string;
  territory: string;
  norad_id: number;
  start_at: Timestamp;
  end_at: Timestamp;
  share: number;
  centre_time: Timestamp | null;
  centre_distance_km: number | null;
  centre_off_nadir_deg: number | null;
}

export interface JobRunsTable {
  id: Generated<string>;
  job: string;
  slot: string;
  state: 'running' | 'succeeded' | 'failed' | 'skipped';
  started_at: DefaultedTimestamp;
  finished_at: Timestamp | null;
  counts: ColumnType<Record<string, unknown>, string | undefined, string>;
  error: string | null;
}

export interface HarvestSourcesTable {
  id: string;
  member: string;
  url: string;
  collections: Json<Record<string, string>>;
  filter: Json<Record<string, unknown>> | null;
  schedule: string | null;
  overlap_seconds: ColumnType<number, number | undefined, number>;
  cursor_at: Timestamp | null;
  position: Json<Record<string, unknown>> | null;
  /** A bigint: read as a string. */
  running_run: string | null;
  run_owner: string | null;
  heartbeat_at: Timestamp | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface RejectedItemsTable {
  id: Generated<string>;
  source: string;
  run_id: string | null;
  collection: string | null;
  item_id: string | null;
  code: string;
  reason: string;
  document: Json<unknown>;
  rejected_at: DefaultedTimestamp;
}

export interface WatchesTable {
  id: string;
  territory: string;
  member: string | null;
  max_age_hours: number;
  max_cloud_cover: number | null;
  sensor: 'optical' | 'sar' | null;
  min_stale_share: ColumnType<number, number | undefined, number>;
  webhook_url: string;
  secret: string;
  created_at: DefaultedTimestamp;
  evaluated_at: Timestamp | null;
}

export interface AlertsTable {
  id: string;
  watch_id: string;
  territory: string;
  state: 'open' | 'closed';
  opened_at: Timestamp;
  closed_at: Timestamp | null;
  stale_area_km2: number;
  stale_share: number;
  current_stale_area_km2: number;
  current_stale_share: number;
  evaluated_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  /** A bigint: read as a string. */
  id: Generated<string>;
  alert_id: string;
  event: 'alert.opened' | 'alert.closed';
  attempt: number;
  body: string;
  due_at: Timestamp;
  state: 'pending' | 'sending' | 'delivered' | 'failed';
  attempted_at: Timestamp | null;
  status_code: number | null;
  error: string | null;
  duration_ms: number | null;
}

export interface MigrationsTable {
  name: string;
  checksum: string;
  applied_at: DefaultedTimestamp;
}

/** Every table eopool owns; `test/db/database.test.ts` compares it with the live columns. */
export interface Database {
  members: MembersTable;
  api_keys: ApiKeysTable;
  collections: CollectionsTable;
  items: ItemsTable;
  item_property_keys: ItemPropertyKeysTable;
  satellites: SatellitesTable;
  tle_history: TleHistoryTable;
  territories: TerritoriesTable;
  job_runs: JobRunsTable;
  revisit_runs: RevisitRunsTable;
  passes: PassesTable;
  harvest_sources: HarvestSourcesTable;
  rejected_items: RejectedItemsTable;
  watches: WatchesTable;
  alerts: AlertsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  eopool_migrations: MigrationsTable;
}

export type ItemRow = Selectable<ItemsTable>;
export type NewItemRow = Insertable<ItemsTable>;
export type CollectionRow = Selectable<CollectionsTable>;
export type ApiKeyRow = Selectable<ApiKeysTable>;
export type SatelliteRow = Selectable<SatellitesTable>;
export type TerritoryRow = Selectable<TerritoriesTable>;
export type JobRunRow = Selectable<JobRunsTable>;
export type HarvestSourceRow = Selectable<HarvestSourcesTable>;
export type WatchRow = Selectable<WatchesTable>;
export type AlertRow = Selectable<AlertsTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;

type ColumnList<T> = readonly (keyof T & string)[];

/**
 * The columns of every table as runtime data, checked against the interfaces above by the compiler,
 * so that a test can compare the types with the live schema.
 */
export const DATABASE_COLUMNS = {
  members: ['code', 'name', 'agency'],
  api_keys: ['id', 'member', 'role', 'key_hash', 'created_at', 'revoked_at'],
  collections: ['id', 'member', 'content', 'created_at', 'updated_at'],
  items: [
    'collection', 'id', 'geometry', 'datetime', 'start_datetime', 'end_datetime', 'sort_datetime', 'interval_start',
    'interval_end', 'cloud_cover', 'platform', 'constellation', 'instruments', 'gsd', 'off_nadir', 'member', 'ingested', 'content',
    'links',
  ],
  item_property_keys: ['collection', 'name', 'json_type'],
  satellites: [
    'norad_id', 'name', 'operator', 'member', 'sensor', 'instrument', 'swath_km', 'field_of_regard_deg', 'gsd_m', 'tle_line1',
    'tle_line2', 'tle_epoch', 'swath_source', 'notes', 'reference', 'other_instruments', 'updated_at',
  ],
  tle_history: ['norad_id', 'epoch', 'line1', 'line2', 'received_at'],
  territories: ['id', 'name', 'kind', 'member', 'seeded', 'geometry', 'created_at', 'updated_at'],
  job_runs: ['id', 'job', 'slot', 'state', 'started_at', 'finished_at', 'counts', 'error'],
  revisit_runs: [
    'id', 'territory', 'window_start', 'window_end', 'mode', 'grid_km', 'sun_elevation_min_deg', 'scope', 'inputs_digest', 'report',
    'points', 'computed_at',
  ],
  passes: [
    'revisit_run', 'territory', 'norad_id', 'start_at', 'end_at', 'share', 'centre_time', 'centre_distance_km', 'centre_off_nadir_deg',
  ],
  harvest_sources: [
    'id', 'member', 'url', 'collections', 'filter', 'schedule', 'overlap_seconds', 'cursor_at', 'position', 'running_run', 'run_owner',
    'heartbeat_at', 'created_at', 'updated_at',
  ],
  rejected_items: ['id', 'source', 'run_id', 'collection', 'item_id', 'code', 'reason', 'document', 'rejected_at'],
  watches: [
    'id', 'territory', 'member', 'max_age_hours', 'max_cloud_cover', 'sensor', 'min_stale_share', 'webhook_url', 'secret', 'created_at',
    'evaluated_at',
  ],
  alerts: [
    'id', 'watch_id', 'territory', 'state', 'opened_at', 'closed_at', 'stale_area_km2', 'stale_share', 'current_stale_area_km2',
    'current_stale_share', 'evaluated_at',
  ],
  webhook_deliveries: [
    'id', 'alert_id', 'event', 'attempt', 'body', 'due_at', 'state', 'attempted_at', 'status_code', 'error', 'duration_ms',
  ],
  eopool_migrations: ['name', 'checksum', 'applied_at'],
} as const satisfies { [T in keyof Database]: ColumnList<Database[T]> };
