/**
 * The real items of fixtures/stac (a copy of shared/data/stac) loaded into a test catalog through
 * the NDJSON API, one test collection per fixture folder, and read back from the items table as
 * stored (migrated, footprints normalised), so that tests work out their expected answers from the
 * stored documents with plain code, never with the search under test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { booleanIntersects } from '@turf/turf';
import type { FastifyInstance } from 'fastify';
import type { Geometry, Polygon } from 'geojson';
import type { OpenDatabase } from '../../../src/db/index.js';
import { exampleCollection } from '../../helpers/stac-fixtures.js';

const STAC_DIR = fileURLToPath(new URL('../../../fixtures/stac/', import.meta.url));

/** A stored item: its collection, id and document as the catalog keeps it. */
export interface StoredItem {
  collection: string;
  id: string;
  key: string;
  geometry: Geometry | null;
  properties: Record<string, unknown>;
  document: Record<string, unknown>;
}

/** Every fixture folder with items, as its path under fixtures/stac. */
export function fixtureFolders(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(STAC_DIR, dir), { withFileTypes: true })) {
      const child = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.name === 'items.ndjson' && fs.statSync(path.join(STAC_DIR, child)).size > 0) found.push(dir);
    }
  };
  walk('');
  return found.sort();
}

/** The test collection a fixture folder is loaded into: `rx-` and the folder, made a safe id. */
export function collectionOf(folder: string): string {
  return `rx-${folder.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`;
}

/**
 * Load `folders` (default: all) into collections of their own through POST
 * /collections/{c}/items as NDJSON, with `headers` of a member key; items the ingest refuses stay
 * out (the read-back says which are in). Returns the stored items.
 */
export async function loadRealItems(
  app: FastifyInstance,
  database: OpenDatabase,
  headers: Record<string, string>,
  folders: readonly string[] = fixtureFolders(),
): Promise<StoredItem[]> {
  for (const folder of folders) {
    const collection = collectionOf(folder);
    const created = await app.inject({ method: 'POST', url: '/collections', headers, payload: exampleCollection(collection) });
    if (created.statusCode !== 201) throw new Error(`collection ${collection}: ${created.body}`);
    const lines = fs
      .readFileSync(path.join(STAC_DIR, folder, 'items.ndjson'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.stringify({ ...(JSON.parse(line) as Record<string, unknown>), collection }));
    const loaded = await app.inject({
      method: 'POST',
      url: `/collections/${collection}/items`,
      headers: { ...headers, 'content-type': 'application/x-ndjson' },
      payload: lines.join('\n'),
    });
    if (loaded.statusCode !== 200) throw new Error(`items of ${folder}: ${loaded.body}`);
  }
  const rows = await database.db.selectFrom('items').select(['collection', 'id', 'content']).execute();
  return rows.map((row) => {
    const document = row.content as Record<string, unknown>;
    return {
      collection: row.collection,
      id: row.id,
      key: `${row.collection}/${row.id}`,
      geometry: (document.geometry ?? null) as Geometry | null,
      properties: (document.properties ?? {}) as Record<string, unknown>,
      document,
    };
  });
}

/** A bbox as planar polygons, two when it crosses the antimeridian (west > east). */
export function bboxPolygons(bbox: readonly number[]): Polygon[] {
  const [west, south, east, north] = bbox as [number, number, number, number];
  const box = (w: number, e: number): Polygon => ({
    type: 'Polygon',
    coordinates: [[[w, south], [e, south], [e, north], [w, north], [w, south]]],
  });
  return west <= east ? [box(west, east)] : [box(west, 180), box(-180, east)];
}

/** Whether a stored footprint intersects any of `shapes`, planar in degrees (as PostGIS's geometry type). */
export function footprintIntersects(item: StoredItem, shapes: readonly Geometry[]): boolean {
  const footprint = item.geometry;
  if (footprint === null) return false;
  const parts = footprint.type === 'GeometryCollection' ? footprint.geometries : [footprint];
  return parts.some((part) => shapes.some((shape) => booleanIntersects(part, shape)));
}

/** The item's time interval in ms: [start_datetime ?? datetime, end_datetime ?? datetime]. */
export function itemInterval(item: StoredItem): [number, number] {
  const p = item.properties;
  const datetime = typeof p.datetime === 'string' ? Date.parse(p.datetime) : NaN;
  const start = typeof p.start_datetime === 'string' ? Date.parse(p.start_datetime) : datetime;
  const end = typeof p.end_datetime === 'string' ? Date.parse(p.end_datetime) : datetime;
  return [start, end];
}

/** Keys `collection/id`, sorted, of the items that pass `test`. */
export function keysWhere(items: readonly StoredItem[], test: (item: StoredItem) => boolean): string[] {
  return items.filter(test).map((i) => i.key).sort();
}
