import { PROMOTED_FIELDS } from '../../catalog/promoted-fields.js';
import { EopoolError } from '../../errors.js';
import { ownLinks } from '../../stac/structural-links.js';
import { idOf } from '../create-items.js';
import type { StacDocument, StacPreparer } from '../prepare-stac.js';

/** An item that could not be stored, as rejected_items keeps it. */
export interface HarvestRejection {
  collection: string | null;
  itemId: string | null;
  code: string;
  reason: string;
  /** The document as the remote sent it. */
  document: unknown;
}

/** A page made ready to store: valid items by local collection, and the rejected ones. */
export interface PreparedPage {
  byCollection: Map<string, StacDocument[]>;
  rejections: HarvestRejection[];
  /** Items that appeared twice in the page: the later one is stored. */
  repeated: number;
}

/** Properties eopool derives itself (member, ingestion time): a remote eopool's values are not the item's. */
const DERIVED = new Set(PROMOTED_FIELDS.filter((f) => f.source === 'derived').map((f) => f.name));

/**
 * Prepare the items of one harvested page as any item sent to eopool is prepared, after making
 * them local: the remote `collection` becomes the mapped local id, the remote's structural links
 * (self, root, parent, collection, items) and eopool-derived properties are dropped. Items of an
 * unmapped collection and items that fail validation become rejections with their reason.
 *
 * @param walked the remote collection the page comes from, when the walk is per collection
 */
export function prepareHarvestPage(
  stac: StacPreparer,
  collections: Readonly<Record<string, string>>,
  features: readonly unknown[],
  walked: string | null,
): PreparedPage {
  const byCollection = new Map<string, Map<string, StacDocument>>();
  const rejections: HarvestRejection[] = [];
  let repeated = 0;
  for (const raw of features) {
    const itemId = idOf(raw);
    const remote = walked ?? (raw as { collection?: unknown } | null)?.collection;
    const local = typeof remote === 'string' && Object.hasOwn(collections, remote) ? collections[remote]! : null;
    if (local === null) {
      rejections.push({ collection: null, itemId, code: 'UnmappedCollection', reason: `the remote collection ${JSON.stringify(remote ?? null)} is not mapped by this source`, document: raw });
      continue;
    }
    try {
      const prepared = stac.item(localised(raw, local), local);
      const id = String(prepared.document.id);
      const items = byCollection.get(local) ?? new Map<string, StacDocument>();
      if (items.has(id)) repeated++;
      // One statement cannot upsert a row twice; the later copy of an item is the one kept.
      items.set(id, prepared.document);
      byCollection.set(local, items);
    } catch (error) {
      if (!(error instanceof EopoolError)) throw error;
      rejections.push({ collection: local, itemId, code: error.code, reason: error.description, document: raw });
    }
  }
  return { byCollection: new Map([...byCollection].map(([c, items]) => [c, [...items.values()]])), rejections, repeated };
}

function localised(raw: unknown, local: string): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const document = raw as StacDocument;
  const properties = document.properties;
  return {
    ...document,
    collection: local,
    links: ownLinks(document),
    ...(properties !== null && typeof properties === 'object' && !Array.isArray(properties)
      ? { properties: Object.fromEntries(Object.entries(properties).filter(([name]) => !DERIVED.has(name))) }
      : {}),
  };
}
