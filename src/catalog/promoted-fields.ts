import type { ItemsTable } from '../db/index.js';

/** The JSON type of a promoted property, which decides how it is compared and described. */
export type PromotedType = 'string' | 'number' | 'timestamp' | 'string[]' | 'geometry';

/** A property of items that is a typed, indexed column of `items` rather than a path into the JSON. */
export interface PromotedField {
  /** The STAC property name (`eo:cloud_cover`), or the top-level name (`id`, `collection`). */
  name: string;
  column: keyof ItemsTable & string;
  type: PromotedType;
  /** A JSON Schema for /queryables. */
  schema: Record<string, unknown>;
  /** Where in the STAC item the value comes from: a property, or the item's own member. */
  source: 'property' | 'top' | 'derived';
}

/**
 * The one list of promoted fields: the items table, ingest, queryables, sortby and CQL2 all read it
 * (pgstac's promoted fields, in one place).
 */
export const PROMOTED_FIELDS: readonly PromotedField[] = Object.freeze([
  { name: 'id', column: 'id', type: 'string', source: 'top', schema: { title: 'Item ID', type: 'string' } },
  { name: 'collection', column: 'collection', type: 'string', source: 'top', schema: { title: 'Collection', type: 'string' } },
  {
    name: 'geometry',
    column: 'geometry',
    type: 'geometry',
    source: 'top',
    schema: { title: 'Footprint', $ref: 'https://geojson.org/schema/Geometry.json' },
  },
  {
    name: 'datetime',
    column: 'datetime',
    type: 'timestamp',
    source: 'property',
    schema: { title: 'Acquired', type: ['string', 'null'], format: 'date-time' },
  },
  {
    name: 'start_datetime',
    column: 'start_datetime',
    type: 'timestamp',
    source: 'property',
    schema: { title: 'Start of the acquisition', type: ['string', 'null'], format: 'date-time' },
  },
  {
    name: 'end_datetime',
    column: 'end_datetime',
    type: 'timestamp',
    source: 'property',
    schema: { title: 'End of the acquisition', type: ['string', 'null'], format: 'date-time' },
  },
  {
    name: 'eo:cloud_cover',
    column: 'cloud_cover',
    type: 'number',
    source: 'property',
    schema: { title: 'Cloud cover (%)', type: 'number', minimum: 0, maximum: 100 },
  },
  { name: 'platform', column: 'platform', type: 'string', source: 'property', schema: { title: 'Platform', type: 'string' } },
  {
    name: 'constellation',
    column: 'constellation',
    type: 'string',
    source: 'property',
    schema: { title: 'Constellation', type: 'string' },
  },
  {
    name: 'instruments',
    column: 'instruments',
    type: 'string[]',
    source: 'property',
    schema: { title: 'Instruments', type: 'array', items: { type: 'string' } },
  },
  { name: 'gsd', column: 'gsd', type: 'number', source: 'property', schema: { title: 'Ground sample distance (m)', type: 'number', exclusiveMinimum: 0 } },
  {
    name: 'view:off_nadir',
    column: 'off_nadir',
    type: 'number',
    source: 'property',
    schema: { title: 'Off-nadir angle (°)', type: 'number', minimum: 0, maximum: 90 },
  },
  {
    name: 'eopool:member',
    column: 'member',
    type: 'string',
    source: 'derived',
    schema: { title: 'SCO member that contributed the item', type: 'string', pattern: '^[A-Z]{2}$' },
  },
  {
    name: 'eopool:ingested',
    column: 'ingested',
    type: 'timestamp',
    source: 'derived',
    schema: { title: 'When eopool stored the item', type: 'string', format: 'date-time' },
  },
]);

const BY_NAME = new Map(PROMOTED_FIELDS.map((f) => [f.name, f]));

/** The promoted field of a property name, with or without a leading `properties.`. */
export function promotedField(name: string): PromotedField | undefined {
  return BY_NAME.get(name.startsWith('properties.') ? name.slice('properties.'.length) : name);
}
