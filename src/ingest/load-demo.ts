import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { createCollection } from '../catalog/index.js';
import type { Database } from '../db/index.js';
import { ingestNdjson } from './ingest-ndjson.js';
import type { PreparePool } from './prepare-pool.js';
import type { StacPreparer } from './prepare-stac.js';

const DEMO_DIR = fileURLToPath(new URL('../../fixtures/demo/', import.meta.url));

interface DemoManifest {
  collections: { folder: string; id: string; member: string }[];
}

export interface DemoReport {
  collections: number;
  stored: number;
  rejected: number;
}

/**
 * Load the demo scenes (real public items, fixtures/demo/) through the normal ingest path, but only
 * into a catalog that has no collections yet, so a user's data is never mixed with them.
 */
export async function loadDemoIfEmpty(
  db: Kysely<Database>,
  services: { stac: StacPreparer; preparePool: PreparePool },
  maxLineBytes: number,
): Promise<DemoReport | null> {
  const existing = await db.selectFrom('collections').select('id').limit(1).executeTakeFirst();
  if (existing !== undefined) return null;
  const manifest = JSON.parse(fs.readFileSync(path.join(DEMO_DIR, 'manifest.json'), 'utf8')) as DemoManifest;
  const report: DemoReport = { collections: 0, stored: 0, rejected: 0 };
  for (const entry of manifest.collections) {
    const folder = path.join(DEMO_DIR, entry.folder);
    const document = JSON.parse(fs.readFileSync(path.join(folder, 'collection.json'), 'utf8')) as Record<string, unknown>;
    const prepared = services.stac.collection({ ...document, id: entry.id });
    await createCollection(db, prepared.document, entry.member);
    const items = await ingestNdjson(fs.createReadStream(path.join(folder, 'items.ndjson')), {
      db,
      pool: services.preparePool,
      collection: entry.id,
      member: entry.member,
      maxLineBytes,
    });
    report.collections += 1;
    report.stored += items.stored;
    report.rejected += items.rejected.length;
  }
  return report;
}
