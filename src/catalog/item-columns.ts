import type { StacDocument } from '../ingest/prepare-stac.js';

/** The promoted columns of one item, as they are written (the member is the writer's, not the item's). */
export interface ItemColumns {
  collection: string;
  id: string;
  datetime: string | null;
  start_datetime: string | null;
  end_datetime: string | null;
  cloud_cover: number | null;
  platform: string | null;
  constellation: string | null;
  instruments: string[] | null;
  gsd: number | null;
  off_nadir: number | null;
}

/**
 * Read the promoted columns from a prepared item. A value of the wrong JSON type (a string cloud
 * cover in an item that does not declare the eo extension) stays in the document and leaves the
 * column null, so it never breaks a batch.
 */
export function itemColumns(item: StacDocument): ItemColumns {
  const properties = (item.properties ?? {}) as Record<string, unknown>;
  return {
    collection: String(item.collection),
    id: String(item.id),
    datetime: timestamp(properties.datetime),
    start_datetime: timestamp(properties.start_datetime),
    end_datetime: timestamp(properties.end_datetime),
    cloud_cover: finite(properties['eo:cloud_cover']),
    platform: text(properties.platform),
    constellation: text(properties.constellation),
    instruments: Array.isArray(properties.instruments) && properties.instruments.every((i) => typeof i === 'string')
      ? (properties.instruments as string[])
      : null,
    gsd: finite(properties.gsd),
    off_nadir: finite(properties['view:off_nadir']),
  };
}

function timestamp(value: unknown): string | null {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : null;
}

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
