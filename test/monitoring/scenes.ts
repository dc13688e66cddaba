/**
 * Scenes made in a test: STAC items with a known footprint, time, platform and cloud cover, stored
 * through the API into a collection of the member whose key is given.
 */
import type { FastifyInstance } from 'fastify';
import type { Geometry } from 'geojson';
import { exampleCollection } from '../helpers/stac-fixtures.js';

export interface SceneSpec {
  id: string;
  /** [west, south, east, north]; west > east crosses the antimeridian. */
  box?: [number, number, number, number];
  geometry?: Geometry;
  datetime?: string;
  /** A start/end range instead of (or besides) datetime. */
  range?: [string, string];
  platform?: string;
  cloud?: number;
  sar?: boolean;
}

/** A box as a GeoJSON polygon (across the antimeridian when west > east: the ingest splits it). */
export function boxPolygon([west, south, east, north]: [number, number, number, number]): Geometry {
  return { type: 'Polygon', coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]] };
}

export function sceneItem(collection: string, spec: SceneSpec): Record<string, unknown> {
  const geometry = spec.geometry ?? boxPolygon(spec.box!);
  const properties: Record<string, unknown> = { datetime: spec.datetime ?? null };
  if (spec.range !== undefined) [properties.start_datetime, properties.end_datetime] = spec.range;
  if (spec.platform !== undefined) properties.platform = spec.platform;
  if (spec.cloud !== undefined) properties['eo:cloud_cover'] = spec.cloud;
  const extensions = ['https://stac-extensions.github.io/eo/v1.1.0/schema.json'];
  if (spec.sar === true) {
    extensions.push('https://stac-extensions.github.io/sar/v1.0.0/schema.json');
    Object.assign(properties, {
      'sar:instrument_mode': 'IW',
      'sar:frequency_band': 'C',
      'sar:polarizations': ['VV'],
      'sar:product_type': 'GRD',
    });
  }
  return { type: 'Feature', stac_version: '1.1.0', stac_extensions: extensions, id: spec.id, collection, geometry, properties, links: [], assets: {} };
}

/** Create `collection` (owned by the key's member) unless it exists, then store the scenes. */
export async function storeScenes(app: FastifyInstance, headers: Record<string, string>, collection: string, specs: SceneSpec[]): Promise<void> {
  const existing = await app.inject({ url: `/collections/${collection}` });
  if (existing.statusCode === 404) {
    const created = await app.inject({ method: 'POST', url: '/collections', headers, payload: exampleCollection(collection) });
    if (created.statusCode !== 201) throw new Error(`collection ${collection}: ${created.body}`);
  }
  const stored = await app.inject({
    method: 'POST',
    url: `/collections/${collection}/items`,
    headers,
    payload: { type: 'FeatureCollection', features: specs.map((s) => sceneItem(collection, s)) },
  });
  if (stored.statusCode !== 201) throw new Error(`scenes of ${collection}: ${stored.body}`);
}

/** `at` moved by a number of hours, RFC 3339. */
export function hoursFrom(at: string, hours: number): string {
  return new Date(Date.parse(at) + hours * 3_600_000).toISOString();
}
