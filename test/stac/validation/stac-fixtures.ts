/**
 * Reads the real STAC documents of fixtures/stac (provenance in fixtures/stac/SOURCES.md) for the
 * tests of src/stac/validation.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type Json = Record<string, unknown>;

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const FIXTURES_DIR = path.join(repo, 'fixtures/stac');
export const SCHEMAS_DIR = path.join(repo, 'schemas');

/** Every leaf folder under fixtures/stac, relative (`usgs-landsat-c2/landsat-c2l2-sr`). */
export function stacFolders(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    const names = readdirSync(dir);
    if (names.includes('items.ndjson') || names.includes('collection.json')) found.push(path.relative(FIXTURES_DIR, dir));
    for (const name of names) if (statSync(path.join(dir, name)).isDirectory()) walk(path.join(dir, name));
  };
  walk(FIXTURES_DIR);
  return found.sort();
}

/** The Items of one folder's `items.ndjson` (or another NDJSON file of it), in file order. */
export function readItems(folder: string, file = 'items.ndjson'): Json[] {
  const full = path.join(FIXTURES_DIR, folder, file);
  try {
    statSync(full);
  } catch {
    return [];
  }
  return readFileSync(full, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Json);
}

/** One Item by folder and id; throws if it is not there, so a test cannot silently test nothing. */
export function readItem(folder: string, id: string): Json {
  const item = readItems(folder).find((doc) => doc.id === id);
  if (item === undefined) throw new Error(`no item ${id} in fixtures/stac/${folder}/items.ndjson`);
  return item;
}

/** The folder's `collection.json`, or null. */
export function readCollection(folder: string): Json | null {
  try {
    return JSON.parse(readFileSync(path.join(FIXTURES_DIR, folder, 'collection.json'), 'utf8')) as Json;
  } catch {
    return null;
  }
}
