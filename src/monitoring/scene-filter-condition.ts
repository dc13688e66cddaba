import { sql, type RawBuilder } from 'kysely';
import type { TimeWindow } from './resolve-time-window.js';

/** Which scenes a monitoring answer counts. */
export interface SceneFilters {
  /** Largest `eo:cloud_cover`, %; a scene without one passes only when it is SAR. */
  maxCloudCover?: number | null;
  sensor?: 'optical' | 'sar' | null;
  /** Owners (the collection's member). */
  members?: readonly string[] | null;
  collections?: readonly string[] | null;
}

/** A scene's time: the end of its start/end range, or its datetime (`items.interval_end`). */
const SCENE_TIME = sql`items.interval_end`;

/**
 * The scene (the `items` row) is SAR: it declares the SAR extension (any version's schema URL, or
 * `sar` in the short names of STAC before 1.0), or its platform names a SAR satellite of the
 * registry, compared through `eopool_platform_key` (lower case, letters and digits only, a "No."
 * dropped: 'gaofen-3-02' is 'GAOFEN-3 02', 'kondor-fka-1' is 'KONDOR-FKA NO. 1').
 */
const SCENE_IS_SAR = sql<boolean>`(
  coalesce(eopool_platform_key(items.platform) = ANY(ARRAY(SELECT eopool_platform_key(name) FROM satellites WHERE sensor = 'sar')), false)
  OR coalesce(items.content ->> 'stac_extensions', '') ~ '(/sar/|"sar")')`;

/**
 * The non-spatial conditions on a scene (the `items` row): its time in [since, at]; a start/end range
 * of at most one hour (longer products, such as mosaics and annual maps, are no observation of a
 * moment); the cloud, sensor, member and collection filters.
 */
export function sceneFilterCondition(filters: SceneFilters, window: TimeWindow): RawBuilder<boolean> {
  const conditions: RawBuilder<unknown>[] = [
    sql`${SCENE_TIME} <= ${window.at}`,
    sql`items.interval_end - items.interval_start <= interval '1 hour'`,
  ];
  if (window.since !== null) conditions.push(sql`${SCENE_TIME} >= ${window.since}`);
  if (filters.maxCloudCover != null) {
    conditions.push(sql`(items.cloud_cover <= ${filters.maxCloudCover} OR (items.cloud_cover IS NULL AND ${SCENE_IS_SAR}))`);
  }
  if (filters.sensor === 'sar') conditions.push(SCENE_IS_SAR);
  if (filters.sensor === 'optical') conditions.push(sql`NOT ${SCENE_IS_SAR}`);
  if (filters.members != null && filters.members.length > 0) conditions.push(sql`items.member = ANY(${[...filters.members]}::text[])`);
  if (filters.collections != null && filters.collections.length > 0) {
    conditions.push(sql`items.collection = ANY(${[...filters.collections]}::text[])`);
  }
  return sql<boolean>`(${sql.join(conditions, sql` AND `)})`;
}
