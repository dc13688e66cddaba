import fs from 'node:fs';

const STAC = new URL('../../fixtures/stac/', import.meta.url);

/** The items of one folder of fixtures/stac (a copy of shared/data/stac). */
export function readItems(folder: string, file = 'items.ndjson'): Record<string, unknown>[] {
  return fs
    .readFileSync(new URL(`${folder}/${file}`, STAC), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Read once: tests make thousands of example items from it. */
let extendedItem: Record<string, unknown> | undefined;

export function readCollection(folder: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(new URL(`${folder}/collection.json`, STAC), 'utf8')) as Record<string, unknown>;
}

/** The real STAC 1.1.0 example collection of the spec, renamed so tests can make several. */
export function exampleCollection(id: string): Record<string, unknown> {
  return { ...readCollection('stac-spec-examples/simple-collection'), id, links: [] };
}

/**
 * The spec's 1.1.0 "extended item" example, moved into collection `collection` under `id`; `shift`
 * moves its small footprint (0.04° wide, near 172.9°E 1.35°N) by whole degrees of longitude.
 */
export function exampleItem(id: string, collection: string, options: { datetime?: string; shiftDeg?: number } = {}): Record<string, unknown> {
  extendedItem ??= readItems('stac-spec-examples/simple-collection')[0];
  const item = structuredClone(extendedItem) as Record<string, any>;
  const shift = options.shiftDeg ?? 0;
  item.id = id;
  item.collection = collection;
  item.links = [];
  item.geometry.coordinates = item.geometry.coordinates.map((ring: number[][]) => ring.map(([x, y]) => [x! + shift, y]));
  item.bbox = [item.bbox[0] + shift, item.bbox[1], item.bbox[2] + shift, item.bbox[3]];
  if (options.datetime !== undefined) item.properties.datetime = options.datetime;
  return item;
}
