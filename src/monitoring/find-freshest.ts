import { type Kysely, sql, type RawBuilder } from 'kysely';
import type { Database } from '../db/index.js';
import { areaLiteral } from './area-literal.js';
import { indexProbes, spaceTimeProbes } from './index-probes.js';
import type { MonitoringArea } from './resolve-area.js';
import type { TimeWindow } from './resolve-time-window.js';
import { sceneFilterCondition, type SceneFilters } from './scene-filter-condition.js';

/** What `/freshest` asks, resolved. */
export interface FreshestRequest {
  area: MonitoringArea;
  /** Geodesic area, km² (`measureArea`); 0 for a point. */
  areaKm2: number;
  filters: SceneFilters;
  window: TimeWindow;
  /** A listed scene covers at least this share of the area, [0, 1]. */
  minCoverage: number;
  /** Scenes listed, at most. */
  limit: number;
}

/** A scene over the area. */
export interface FreshScene {
  collection: string;
  id: string;
  /** The scene's time (RFC 3339 UTC): its datetime, or the end of its start/end range. */
  datetime: string;
  /** Share of the area the footprint covers, [0, 1] (geodesic; a point: 1). */
  coverage: number;
  /** Hours from the scene's time to `at`. */
  age_hours: number;
  member: string;
  platform: string | null;
  gsd: number | null;
  cloud_cover: number | null;
}

/** A scene of the mosaic, with the share of the area it added to the union of the newer ones. */
export interface MosaicScene extends FreshScene {
  added_coverage: number;
}

export interface FreshestResult {
  scenes: FreshScene[];
  mosaic: {
    scenes: MosaicScene[];
    /** Share of the area covered by the mosaic's union, [0, 1]. */
    coverage: number;
    /** Age of its oldest scene, hours; null without scenes. */
    oldest_age_hours: number | null;
  };
}

/** A scene joins the mosaic when it adds at least this share of the area. */
const MOSAIC_MIN_GAIN = 0.01;
/** The mosaic is complete at this share. */
const MOSAIC_COMPLETE = 0.99;
/**
 * Newest scenes over the area considered, at most: the walk below stops long before in practice
 * (a mosaic completes in a few scenes), and the bound keeps a request over a much-imaged area whose
 * mosaic can never complete (half of it at sea without scenes, say) from walking the whole archive.
 */
const MAX_CANDIDATES = 2000;
/**
 * The look-back windows tried in turn, days: each statement reads only the scenes of its window
 * through the space-time index, and a wider one runs only when the newer scenes did not yield
 * `limit` scenes and a complete mosaic. The last window is `since` (or the whole archive).
 */
const WINDOW_DAYS = [7, 60, 365] as const;

interface WalkRow {
  collection: string;
  id: string;
  t: Date;
  member: string;
  platform: string | null;
  gsd: number | null;
  cloud_cover: number | null;
  coverage: number;
  gain: number | null;
  joined: boolean;
  candidates: number;
}

/**
 * The newest scenes over an area and the newest-first mosaic, in PostGIS, per look-back window in
 * one statement: the candidates (footprints meeting the area in the window, filtered, newest
 * first, ties by collection and id) are walked in a recursive query that computes each one's
 * coverage (geodesic area of footprint ∩ area over the area's) and, while the mosaic is below
 * {@link MOSAIC_COMPLETE}, the share it adds to the union so far (it joins when that is at least
 * {@link MOSAIC_MIN_GAIN}); the walk stops once `limit` scenes qualified and the mosaic is
 * complete, or the candidates run out. For a point, a share is 1 when covered, else 0.
 *
 * Because the candidates are walked newest first, a narrower window's answer is a prefix of a
 * wider one's: when it already holds `limit` scenes and a complete mosaic, it is the answer.
 */
export async function findFreshest(db: Kysely<Database>, request: FreshestRequest): Promise<FreshestResult> {
  const { since, at } = request.window;
  const lowers = WINDOW_DAYS.map((days) => new Date(at.getTime() - days * 86_400_000)).filter((lower) => since === null || lower > since);
  let rows: WalkRow[] = [];
  for (const lower of [...lowers, since]) {
    rows = await walkCandidates(db, request, { since: lower, at });
    const found = rows.filter((r) => r.coverage >= request.minCoverage).length;
    const share = rows.reduce((sum, r) => sum + (r.joined ? (r.gain ?? 0) : 0), 0);
    const capped = (rows[0]?.candidates ?? 0) >= MAX_CANDIDATES;
    if ((found >= request.limit && share >= MOSAIC_COMPLETE) || capped) break;
  }
  const scene = (row: WalkRow): FreshScene => ({
    collection: row.collection,
    id: row.id,
    datetime: row.t.toISOString(),
    // Overlay and area rounding can put a whole cover a hair above 1.
    coverage: Math.min(1, row.coverage),
    age_hours: (at.getTime() - row.t.getTime()) / 3_600_000,
    member: row.member,
    platform: row.platform,
    gsd: row.gsd,
    cloud_cover: row.cloud_cover,
  });
  const mosaic = rows.filter((r) => r.joined).map((r) => ({ ...scene(r), added_coverage: r.gain ?? 0 }));
  return {
    scenes: rows.filter((r) => r.coverage >= request.minCoverage).slice(0, request.limit).map(scene),
    mosaic: {
      scenes: mosaic,
      coverage: Math.min(1, mosaic.reduce((sum, s) => sum + s.added_coverage, 0)),
      oldest_age_hours: mosaic.length === 0 ? null : Math.max(...mosaic.map((s) => s.age_hours)),
    },
  };
}

async function walkCandidates(db: Kysely<Database>, request: FreshestRequest, window: TimeWindow): Promise<WalkRow[]> {
  const { area, minCoverage, limit } = request;
  const areaM2 = request.areaKm2 * 1e6;
  // Pieces are kept to the area's own dimension, so that overlays never meet mixed collections.
  const dimension = area.kind === 'point' ? 1 : 3;
  const share = (geometry: RawBuilder<unknown>) =>
    area.kind === 'point'
      ? sql<number>`(NOT ST_IsEmpty(${geometry}))::int::float8`
      : sql<number>`(ST_Area(${geometry}::geography) / ${areaM2}::float8)`;
  const empty = area.kind === 'point' ? 'MULTIPOINT EMPTY' : 'MULTIPOLYGON EMPTY';
  const { rows } = await sql<WalkRow>`
    WITH RECURSIVE
    area AS (SELECT ${areaLiteral(area.geometry)} AS g),
    ranked AS MATERIALIZED (
      SELECT row_number() OVER (ORDER BY items.interval_end DESC, items.collection, items.id) AS rn,
             items.collection, items.id, items.interval_end AS t, items.member, items.platform, items.gsd, items.cloud_cover, items.geometry
      FROM items, area
      WHERE ${spaceTimeProbes(indexProbes(area.geometry), window)}
        AND ${sceneFilterCondition(request.filters, window)} AND _ST_Intersects(items.geometry, area.g)
      ORDER BY items.interval_end DESC, items.collection, items.id
      LIMIT ${MAX_CANDIDATES}
    ),
    walked AS (SELECT array_agg(geometry ORDER BY rn) AS g, count(*)::int AS n FROM ranked),
    walk (rn, u, share, found, coverage, gain, joined) AS (
      SELECT 0::bigint, ST_GeomFromText(${empty}, 4326), 0::float8, 0, NULL::float8, NULL::float8, false
      UNION ALL
      SELECT w.rn + 1,
             CASE WHEN s.joined THEN ST_Union(w.u, d.diff) ELSE w.u END,
             w.share + CASE WHEN s.joined THEN s.gain ELSE 0 END,
             w.found + CASE WHEN s.coverage >= ${minCoverage} THEN 1 ELSE 0 END,
             s.coverage, s.gain, s.joined
      FROM walk w
      CROSS JOIN walked
      CROSS JOIN area
      CROSS JOIN LATERAL (SELECT ST_CollectionExtract(ST_Intersection(walked.g[w.rn + 1], area.g), ${dimension}) AS piece) p
      CROSS JOIN LATERAL (SELECT CASE WHEN w.share < ${MOSAIC_COMPLETE} THEN ST_Difference(p.piece, w.u) END AS diff) d
      CROSS JOIN LATERAL (
        SELECT c.coverage, c.gain, coalesce(c.gain >= ${MOSAIC_MIN_GAIN}, false) AS joined
        FROM (SELECT ${share(sql`p.piece`)} AS coverage, ${share(sql`d.diff`)} AS gain) c
      ) s
      WHERE w.rn < walked.n AND (w.found < ${limit} OR w.share < ${MOSAIC_COMPLETE})
    )
    SELECT r.collection, r.id, r.t, r.member, r.platform, r.gsd, r.cloud_cover, w.coverage, w.gain, w.joined,
           (SELECT n FROM walked) AS candidates
    FROM walk w JOIN ranked r ON r.rn = w.rn
    ORDER BY w.rn`.execute(db);
  return rows.map((r) => ({ ...r, t: new Date(r.t) }));
}
