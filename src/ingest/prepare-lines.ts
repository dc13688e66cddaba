import { itemRowJson, type ItemRowJson } from '../catalog/item-row-json.js';
import { idOf, type Rejection, rejectionOf } from './create-items.js';
import type { StacPreparer } from './prepare-stac.js';

/** A line of an NDJSON stream with its 1-based number. */
export interface NumberedLine {
  number: number;
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
 * Parse, prepare (`StacPreparer.item`) and serialise NDJSON lines sent to `collection`. Plain data in
 * and out, so it runs as well in a worker thread as in the main one.
 */
export function prepareLines(stac: StacPreparer, collection: string, lines: readonly NumberedLine[]): PreparedLines {
  const rows: PreparedRow[] = [];
  const rejected: Rejection[] = [];
  for (const line of lines) {
    let raw: unknown;
    try {
      raw = JSON.parse(line.text);
    } catch (error) {
      rejected.push({ index: line.number, id: null, code: 'InvalidJson', description: `line ${line.number}: ${(error as Error).message}` });
      continue;
    }
    try {
      rows.push({ line: line.number, ...itemRowJson(stac.item(raw, collection).document) });
    } catch (error) {
      rejected.push(rejectionOf(error, line.number, idOf(raw)));
    }
  }
  return { rows, rejected };
}
