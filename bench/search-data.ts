/**
 * The data of the search benchmark: N scenes of ../shared/bench/gen-items.mjs (seed 1), split per
 * collection into bench/out/ once, then loaded through the NDJSON ingest path (validation, footprint
 * normalisation, batched upserts), as a member's bulk upload would be.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { sql, type Kysely } from 'kysely';
import { createCollection } from '../src/catalog/index.js';
import type { Database } from '../src/db/index.js';
import { ingestNdjson } from '../src/ingest/ingest-ndjson.js';
import type { PreparePool } from '../src/ingest/prepare-pool.js';
import type { StacPreparer } from '../src/ingest/prepare-stac.js';

const OUT = new URL('./out/', import.meta.url);
/** Each mission's SCO member, as in gen-items.mjs: the collection's owner. */
const MEMBER_OF_PREFIX: Record<string, string> = { kz: 'KZ', ru: 'RU', cn: 'CN', in: 'IN', pk: 'PK', ir: 'IR' };

/** Run gen-items.mjs with `args` and hand each output line to `onLine`, waiting on its promise. */
async function generate(sharedDir: string, args: string[], onLine: (line: string) => Promise<void> | void): Promise<void> {
  const child = spawn(process.execPath, [path.join(sharedDir, 'gen-items.mjs'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  for await (const line of readline.createInterface({ input: child.stdout })) if (line.trim() !== '') await onLine(line);
  if ((await exited) !== 0) throw new Error('gen-items.mjs failed');
}

/** The generated items split into one NDJSON file per collection, written once per N. */
async function splitFiles(sharedDir: string, n: number): Promise<Map<string, string>> {
  const dir = fileInOut(`items-${n}-seed1`);
  const done = path.join(dir, 'READY');
  if (!fs.existsSync(done)) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const writers = new Map<string, fs.WriteStream>();
    await generate(sharedDir, ['--n', String(n), '--seed', '1'], async (line) => {
      const collection = /"collection":"([^"]+)"/.exec(line)?.[1] ?? 'unknown';
      let writer = writers.get(collection);
      if (writer === undefined) {
        writer = fs.createWriteStream(path.join(dir, `${collection}.ndjson`));
        writers.set(collection, writer);
      }
      if (!writer.write(`${line}\n`)) await new Promise<void>((resolve) => writer.once('drain', () => resolve()));
    });
    await Promise.all([...writers.values()].map((w) => new Promise<void>((resolve) => w.end(() => resolve()))));
    fs.writeFileSync(done, new Date().toISOString());
  }
  const files = new Map<string, string>();
  for (const name of fs.readdirSync(dir)) if (name.endsWith('.ndjson')) files.set(name.slice(0, -'.ndjson'.length), path.join(dir, name));
  return files;
}

function fileInOut(name: string): string {
  const dir = new URL(name, OUT).pathname;
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  return dir;
}

/** How many items the database holds. */
export async function countItems(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('items').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Load N generated scenes into an empty catalog (its collections first), then ANALYZE. Returns the
 * ingest rate in items per second.
 */
export async function loadBenchData(
  db: Kysely<Database>,
  stac: StacPreparer,
  pool: PreparePool,
  options: { sharedDir: string; n: number; maxLineBytes: number; parallel: number; log: (line: string) => void },
): Promise<number> {
  const collections: Record<string, unknown>[] = [];
  await generate(options.sharedDir, ['--collections'], (line) => void collections.push(JSON.parse(line) as Record<string, unknown>));
  for (const collection of collections) {
    const id = String(collection.id);
    const member = MEMBER_OF_PREFIX[id.slice(0, 2)] ?? 'KZ';
    await createCollection(db, stac.collection(collection).document, member);
  }
  const files = await splitFiles(options.sharedDir, options.n);
  const started = Date.now();
  let stored = 0;
  const queue = [...files.entries()];
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const [collection, file] = next;
      const member = MEMBER_OF_PREFIX[collection.slice(0, 2)] ?? 'KZ';
      const report = await ingestNdjson(fs.createReadStream(file), {
        db,
        pool,
        collection,
        member,
        maxLineBytes: options.maxLineBytes,
      });
      stored += report.stored;
      const rate = Math.round(stored / Math.max((Date.now() - started) / 1000, 0.001));
      options.log(`  ${collection}: ${report.stored} stored, ${report.rejected.length} rejected (total ${stored}, ${rate} items/s)`);
      for (const r of report.rejected.slice(0, 3)) options.log(`    line ${r.index}: ${r.code}: ${r.description}`);
    }
  };
  await Promise.all(Array.from({ length: options.parallel }, worker));
  const rate = stored / Math.max((Date.now() - started) / 1000, 0.001);
  await sql`ANALYZE items`.execute(db);
  return rate;
}
