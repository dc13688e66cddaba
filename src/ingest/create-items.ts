import type { Kysely } from 'kysely';
import { writeItems } from '../catalog/item-repository.js';
import type { Database } from '../db/index.js';
import { EopoolError } from '../errors.js';
import type { StacDocument, StacPreparer } from './prepare-stac.js';

/** Why one item of a batch was not stored. */
export interface Rejection {
  /** Position in the batch: the 0-based index of a FeatureCollection, or the 1-based NDJSON line. */
  index: number;
  id: string | null;
  code: string;
  description: string;
}

export interface CreateReport {
  stored: string[];
  rejected: Rejection[];
  warnings: string[];
}

/**
 * Create the items of a FeatureCollection: each is prepared on its own, the valid ones are inserted
 * together in one transaction, and every other one is reported with its reason (a duplicate id,
 * stored or earlier in the batch, is `ItemExists`).
 */
export async function createItems(
  db: Kysely<Database>,
  stac: StacPreparer,
  rawItems: readonly unknown[],
  collection: string,
  member: string,
): Promise<CreateReport> {
  const rejected: Rejection[] = [];
  const warnings: string[] = [];
  const accepted: { index: number; item: StacDocument }[] = [];
  const seen = new Set<string>();
  rawItems.forEach((raw, index) => {
    const id = idOf(raw);
    try {
      const prepared = stac.item(raw, collection);
      const itemId = String(prepared.document.id);
      if (seen.has(itemId)) {
        rejected.push({ index, id: itemId, code: 'ItemExists', description: `item "${itemId}" appears twice in the request` });
        return;
      }
      seen.add(itemId);
      accepted.push({ index, item: prepared.document });
      warnings.push(...prepared.warnings.map((w) => `item "${itemId}": ${w}`));
    } catch (error) {
      rejected.push(rejectionOf(error, index, id));
    }
  });
  const outcome = await db.transaction().execute((trx) => writeItems(trx, accepted.map((a) => a.item), member, 'create'));
  const duplicates = new Set(outcome.duplicates);
  for (const { index, item } of accepted) {
    if (duplicates.has(String(item.id))) {
      rejected.push({ index, id: String(item.id), code: 'ItemExists', description: `item "${String(item.id)}" already exists in "${collection}"` });
    }
  }
  rejected.sort((a, b) => a.index - b.index);
  return { stored: outcome.stored, rejected, warnings };
}

/** The id of a raw document when it has a usable one, for reports about documents that failed. */
export function idOf(raw: unknown): string | null {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : null;
}

/** A rejection from an error thrown while preparing one document; our own faults propagate. */
export function rejectionOf(error: unknown, index: number, id: string | null): Rejection {
  if (!(error instanceof EopoolError)) throw error;
  return { index, id, code: error.code, description: error.description };
}
