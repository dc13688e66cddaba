import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import { writeItems } from '../../catalog/item-repository.js';
import type { Database } from '../../db/index.js';
import type { OutboundClient } from '../../net/index.js';
import type { StacDocument, StacPreparer } from '../prepare-stac.js';
import { geotiffItem } from './geotiff-item.js';
import { openGeotiff } from './open-geotiff.js';
import { readGeotiffHeader } from './read-geotiff-header.js';

export interface IngestGeotiffOptions {
  db: Kysely<Database>;
  stac: StacPreparer;
  outbound: OutboundClient;
  collection: string;
  /** The member the item is stored for (the collection's owner). */
  member: string;
  /** An http(s) URL, or a local path when `allowLocalPaths`. */
  source: string;
  /** RFC 3339; required unless the file's metadata states an acquisition time. */
  datetime?: string | null;
  /** The item id; default: the file name without its extension. */
  id?: string | null;
  allowLocalPaths: boolean;
  signal?: AbortSignal;
}

export interface IngestGeotiffResult {
  /** The item as stored (validated, footprint normalised). */
  item: StacDocument;
  /** False when an identical item was already stored. */
  stored: boolean;
  warnings: string[];
  /** Bytes read over HTTP to get the header (0 for a local file). */
  bytesRead: number;
}

/**
 * Turn one GeoTIFF (or COG) into a stored STAC item, reading only its header: open it (a URL by
 * range requests under the outbound rule, or a local path), build the item, prepare it like any
 * item sent to eopool (validation, footprint normalisation) and upsert it. A file that cannot give
 * a right footprint is refused with the reason; nothing is stored then.
 */
export async function ingestGeotiff(options: IngestGeotiffOptions): Promise<IngestGeotiffResult> {
  const opened = await openGeotiff(options.source, { outbound: options.outbound, allowLocalPaths: options.allowLocalPaths, signal: options.signal });
  let header;
  try {
    header = await opened.read(readGeotiffHeader);
  } finally {
    await opened.close();
  }
  const isUrl = /^https?:\/\//i.test(options.source);
  const href = isUrl ? options.source : pathToFileURL(path.resolve(options.source)).href;
  const built = await geotiffItem(options.db, header, {
    id: options.id ?? idOf(options.source),
    collection: options.collection,
    href,
    datetime: options.datetime ?? null,
  });
  const prepared = options.stac.item(built.item, options.collection);
  const outcome = await options.db.transaction().execute((trx) => writeItems(trx, [prepared.document], options.member, 'upsert'));
  return {
    item: prepared.document,
    stored: outcome.stored.length > 0,
    warnings: [...built.warnings, ...prepared.warnings],
    bytesRead: opened.bytesRead(),
  };
}

/** The file name without directories, query or a .tif/.tiff extension. */
function idOf(source: string): string {
  const pathname = /^https?:\/\//i.test(source) ? decodeURIComponent(new URL(source).pathname) : source;
  const name = path.posix.basename(pathname.replaceAll('\\', '/')).replace(/\.(tiff?|gtiff?)$/i, '');
  return name === '' ? 'geotiff' : name;
}
