import { InvalidRequestError, InvalidStacError } from '../errors.js';
import { ownLinks } from '../stac/structural-links.js';
import { migrateStac, type StacValidator } from '../stac/validation/index.js';
import { normalizeFootprint } from './footprint/index.js';

export type StacDocument = Record<string, unknown>;

/** Stands for the service's base URL in the links a document is validated with (answers carry the real one). */
const SERVED_BASE = 'https://eopool.invalid';

/** A document ready to store: migrated, normalised and valid, with what was changed on the way. */
export interface Prepared {
  document: StacDocument;
  warnings: string[];
}

/** Turns a sent STAC document into one to store, or throws the reason it cannot be stored. */
export interface StacPreparer {
  /** `collectionId` is the collection the item is sent to: a different `collection` in the item is refused. */
  item(raw: unknown, collectionId: string): Prepared;
  collection(raw: unknown): Prepared;
}

/**
 * The way of every STAC document into the catalog: parse check, migration to 1.1.0 (older versions
 * only), datetime normalisation, validation against the schemas of its version and extensions,
 * then footprint normalisation (winding, antimeridian, validity), all without I/O.
 */
export function createStacPreparer(validator: StacValidator, options: { maxVertices: number }): StacPreparer {
  return {
    item(raw, collectionId) {
      const sent = asObject(raw, 'item');
      if (sent.type !== 'Feature') {
        throw new InvalidStacError('InvalidItem', `an item must be a GeoJSON Feature ("type": "Feature"), got ${JSON.stringify(sent.type)}`);
      }
      if (sent.collection !== undefined && sent.collection !== collectionId) {
        throw new InvalidRequestError(
          'CollectionMismatch',
          `item "${String(sent.id)}" names collection ${JSON.stringify(sent.collection)} but is sent to "${collectionId}"`,
        );
      }
      const migrated = migrateStac(sent, 'Item');
      const document: StacDocument = { ...migrated.document, collection: collectionId };
      // The footprint first: a broken geometry is named as such (InvalidGeometry), and the schemas
      // then check the document exactly as it will be stored.
      // (An item without a geometry member is left for the schema to refuse.)
      const footprint = 'geometry' in document
        ? normalizeFootprint(document.geometry, {
            maxVertices: options.maxVertices,
            originalBbox: Array.isArray(document.bbox) ? (document.bbox as number[]) : null,
          })
        : { geometry: null, bbox: null, warnings: [] };
      if ('geometry' in document) {
        document.geometry = footprint.geometry;
        if (footprint.bbox === null) delete document.bbox;
        else document.bbox = footprint.bbox;
      }
      // Validated as it will be served: with eopool's own structural links in place of those it
      // sent (STAC allows `collection` only beside a collection link, and eopool adds one).
      const validation = throwIfInvalid(
        validator,
        { ...document, links: [...ownLinks(document), { rel: 'collection', href: `${SERVED_BASE}/collections/${collectionId}` }] },
        'Item',
      );
      checkInterval(document);
      return { document, warnings: [...migrated.warnings, ...footprint.warnings, ...validation] };
    },
    collection(raw) {
      const sent = asObject(raw, 'collection');
      const migrated = migrateStac(sent, 'Collection');
      const id = String(migrated.document.id);
      const served = { ...migrated.document, links: [...ownLinks(migrated.document), { rel: 'self', href: `${SERVED_BASE}/collections/${id}` }] };
      const validation = throwIfInvalid(validator, served, 'Collection');
      return { document: migrated.document, warnings: [...migrated.warnings, ...validation] };
    },
  };
}

function asObject(raw: unknown, what: string): StacDocument {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InvalidStacError(`Invalid${what === 'item' ? 'Item' : 'Collection'}`, `a STAC ${what} must be a JSON object`);
  }
  return raw as StacDocument;
}

/** Throws the schema failures; answers the validator's warnings (extensions it could not check). */
function throwIfInvalid(validator: StacValidator, document: StacDocument, kind: 'Item' | 'Collection'): string[] {
  const { errors, warnings } = validator.validate(document, kind);
  if (errors.length > 0) {
    const first = errors
      .slice(0, 3)
      .map((e) => `${e.pointer || '/'}: ${e.message}`)
      .join('; ');
    throw new InvalidStacError(`Invalid${kind}`, `${kind.toLowerCase()} ${JSON.stringify(document.id)} fails its STAC schema: ${first}`, {
      errors,
    });
  }
  return warnings;
}

/** The schemas check each datetime alone; a range that ends before it starts is ours to refuse. */
function checkInterval(item: StacDocument): void {
  const properties = item.properties as Record<string, unknown>;
  const start = properties.start_datetime;
  const end = properties.end_datetime;
  if (typeof start === 'string' && typeof end === 'string' && Date.parse(end) < Date.parse(start)) {
    throw new InvalidStacError('InvalidDatetime', `item ${JSON.stringify(item.id)}: end_datetime ${end} is before start_datetime ${start}`);
  }
}
