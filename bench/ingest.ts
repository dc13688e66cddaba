// npm run bench:ingest [-- --n 100000] [-- --engine pglite|postgres|both]
// NDJSON ingest through HTTP (POST /collections/{c}/items, application/x-ndjson) of N generated items
// (bench/gen-items.mjs, seed 1: random time and collection order, realistic footprints), fully
// validated, on embedded PGlite and — when BENCH_DATABASE_URL names a PostgreSQL server — on PostGIS.
// Prints one table: engine, items, seconds, items/s.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createServices } from '../src/create-services.js';
import { migrate, openDatabase, type OpenDatabase } from '../src/db/index.js';
import { seedReferenceData } from '../src/reference/seed-reference-data.js';

const { values } = parseArgs({
  options: { n: { type: 'string', default: '100000' }, engine: { type: 'string', default: 'both' } },
});
const n = Number(values.n);
const engines = { pglite: ['pglite'], postgres: ['postgres'], both: ['pglite', 'postgres'] }[values.engine ?? 'both'] as
  | ('pglite' | 'postgres')[]
  | undefined;
if (engines === undefined) throw new Error(`--engine must be pglite, postgres or both, got "${values.engine}"`);
const serverUrl = process.env.BENCH_DATABASE_URL;
if (values.engine === 'postgres' && (serverUrl === undefined || serverUrl === '')) throw new Error('--engine postgres needs BENCH_DATABASE_URL');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'eopool-bench-ingest-'));
const generator = new URL('gen-items.mjs', import.meta.url).pathname;
const ADMIN = 'bench-admin';

console.error(`generating ${n} items…`);
const collections = execFileSync('node', [generator, '--collections'], { encoding: 'utf8' })
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { id: string });
// Split the mixed feed per collection (not timed): each collection is one NDJSON request.
const files = new Map(collections.map((c) => [c.id, fs.openSync(path.join(work, `${c.id}.ndjson`), 'w')]));
const items = execFileSync('node', [generator, '--n', String(n), '--seed', '1'], { maxBuffer: 2 ** 31, stdio: ['ignore', 'pipe', 'ignore'] });
let start = 0;
while (start < items.length) {
  let end = items.indexOf(10, start);
  if (end === -1) end = items.length;
  const line = items.subarray(start, end + 1);
  const collection = /"collection":"([^"]+)"/.exec(line.toString('utf8', 0, Math.min(line.length, 2000)))?.[1] ?? '';
  fs.writeSync(files.get(collection) ?? fs.openSync('/dev/null', 'w'), line);
  start = end + 1;
}
for (const fd of files.values()) fs.closeSync(fd);

async function run(engine: 'pglite' | 'postgres'): Promise<{ engine: string; stored: number; rejected: number; seconds: number; cpuSeconds: number }> {
  let database: OpenDatabase;
  if (engine === 'postgres') {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS eopool_bench_ingest WITH (FORCE)');
    await admin.query('CREATE DATABASE eopool_bench_ingest');
    await admin.end();
    const url = new URL(serverUrl ?? '');
    url.pathname = '/eopool_bench_ingest';
    database = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
  } else {
    database = await openDatabase({ databaseUrl: null, dataDir: path.join(work, 'pglite') });
  }
  await migrate(database.db);
  await seedReferenceData(database.db);
  const config = loadConfig({ EOPOOL_ADMIN_KEY: ADMIN, LOG_LEVEL: 'silent', EOPOOL_DEMO: '0' });
  const app = await buildApp(config, createServices(database, config, true), { logger: false });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const headers = { authorization: `Bearer ${ADMIN}` };
  for (const collection of collections) {
    const member = collection.id.slice(0, 2).toUpperCase();
    const created = await fetch(`${base}/collections`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ ...collection, 'eopool:member': member }),
    });
    if (created.status !== 201) throw new Error(`creating ${collection.id}: ${created.status} ${await created.text()}`);
  }
  let stored = 0;
  let rejected = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (const collection of collections) {
    const response = await fetch(`${base}/collections/${collection.id}/items`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/x-ndjson' },
      body: fs.createReadStream(path.join(work, `${collection.id}.ndjson`)),
      duplex: 'half',
    } as RequestInit);
    const report = (await response.json()) as { stored: number; rejected: { description: string }[] };
    if (response.status !== 200) throw new Error(`ingest ${collection.id}: ${response.status} ${JSON.stringify(report)}`);
    stored += report.stored;
    rejected += report.rejected.length;
    if (report.rejected.length > 0) console.error(`${collection.id}: first rejection: ${report.rejected[0]?.description}`);
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await app.close();
  await database.close();
  return { engine, stored, rejected, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

const rows = [];
for (const engine of engines) {
  if (engine === 'postgres' && (serverUrl === undefined || serverUrl === '')) console.error('BENCH_DATABASE_URL unset: PostGIS run skipped');
  else rows.push(await run(engine));
}
fs.rmSync(work, { recursive: true, force: true });

console.log(`\nNDJSON ingest through HTTP, ${n} generated items, validated (${os.cpus().length} cores, Node ${process.version})`);
// Node CPU covers every thread of this process (HTTP, preparation workers, the driver), not the
// database server's; on a shared machine it is steadier than the wall time.
console.log('engine    | stored  | rejected | seconds | items/s | node CPU s');
console.log('----------|---------|----------|---------|---------|-----------');
for (const r of rows) {
  console.log(
    `${r.engine.padEnd(9)} | ${String(r.stored).padStart(7)} | ${String(r.rejected).padStart(8)} | ${r.seconds.toFixed(1).padStart(7)} | ${Math.round(r.stored / r.seconds).toString().padStart(7)} | ${r.cpuSeconds.toFixed(1).padStart(10)}`,
  );
}
