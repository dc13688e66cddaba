import { itemRowJson, type ItemRowJson } from '../catalog/item-row-json.js';
import { idOf, type Rejection, rejectionOf } from './create-items.js';
import type { StacPreparer } from './prepare-stac.js';

/** Lines of NDJSON as one text, numbered from `firstLine` (`LineRun` of split-lines.ts, as far as preparing needs). */
export interface NumberedLines {
  firstLine: number;
  text: string;
}

/** A row ready to write, with the number of the line it came from. */
export interface PreparedRow extends ItemRowJson {
  line: number;
}

/** Lines turned into rows, in line order, and the lines refused with their reasons. */
export interface PreparedLines {
  rows: PreparedRow[];
  rejected: Rejection[];
}

/**
 * `PreparedLines` packed to cross between threads: the rows' JSON as one text (rows one after the
 * other), and per row its length and the index of its property keys in a table (the rows of one
 * collection mostly share them). A few large strings instead of one or two per row.
 */
export interface PackedLines {
  collection: string;
  json: string;
  rows: { line: number; id: string; length: number; keys: number }[];
  propertyKeys: string[];
  rejected: Rejection[];
}

/**
 * Parse, prepare (`StacPreparer.item`) and serialise NDJSON lines sent to `collection`, skipping
 * blank ones. Plain data in and out, so it runs as well in a worker thread as in the main one.
 */
export function prepareLines(stac: StacPreparer, collection: string, lines: NumberedLines): PackedLines {
  const packed: PackedLines = { collection, json: '', rows: [], propertyKeys: [], rejected: [] };
  const rowsJson: string[] = [];
  const keysIndex = new Map<string, number>();
  const texts = lines.text.split('\n');
  for (const [offset, raw] of texts.entries()) {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '') continue;
    const number = lines.firstLine + offset;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      packed.rejected.push({ index: number, id: null, code: 'InvalidJson', description: `line ${number}: ${(error as Error).message}` });
      continue;
    }
    try {
      const row = itemRowJson(stac.item(parsed, collection).document);
      let keys = keysIndex.get(row.propertyKeys);
      if (keys === undefined) {
        keys = packed.propertyKeys.push(row.propertyKeys) - 1;
        keysIndex.set(row.propertyKeys, keys);
      }
      rowsJson.push(row.json);
      packed.rows.push({ line: number, id: row.id, length: row.json.length, keys });
    } catch (error) {
      packed.rejected.push(rejectionOf(error, number, idOf(parsed)));
    }
  }
  packed.json = rowsJson.join('');
  return packed;
}

/** The rows of `PackedLines`, each row's JSON a slice of the packed text (no copy). */
export function unpackLines(packed: PackedLines): PreparedLines {
  let start = 0;
  const rows = packed.rows.map((row): PreparedRow => {
    const json = packed.json.slice(start, start + row.length);
    start += row.length;
    return { line: row.line, collection: packed.collection, id: row.id, propertyKeys: packed.propertyKeys[row.keys] ?? '[]', json };
  });
  return { rows, rejected: packed.rejected };
}
