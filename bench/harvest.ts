// npm run bench:harvest [-- --n 100000]
// Harvest of a member's STAC API: N generated items (bench/gen-items.mjs, seed 1: ten collections,
// realistic footprints) served by a minimal STAC API with item search (POST, pages of 1000, next
// links with a token) running in a child process on loopback, harvested through the full path
// (outbound client, validation, footprint normalisation, one upsert transaction per page with the
// position) into embedded PGlite and — when BENCH_DATABASE_URL names a PostgreSQL server — PostGIS.
// Then the same harvest again: every item unchanged (the walk of a remote without incremental support).
// Prints one table: engine, run, items, seconds (wall), CPU s of this process (PGlite's work
// included, a PostgreSQL server's not: compare these on a shared machine), items/s (wall).
import { execFileSync, fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { createServices } from '../src/create-services.js';
import { migrate, openDatabase, type OpenDatabase } from '../src/db/index.js';
import { createHarvestRunner, createHarvestSource } from '../src/ingest/harvest/index.js';
import { createOutboundClient } from '../src/net/index.js';
import { seedReferenceData } from '../src/reference/seed-reference-data.js';

const { values } = parseArgs({ options: { n: { type: 'string', default: '100000' }, remote: { type: 'boolean', default: false } } });
const n = Number(values.n);
const generator = new URL('gen-items.mjs', import.meta.url).pathname;
const PAGE = 1000;

if (values.remote) serveRemote();
else await main();

/** The child process: a STAC API over the generated items, kept as JSON text and answered page by page. */
function serveRemote(): void {
  const collections = execFileSync('node', [generator, '--collections'], { encoding: 'utf8' }).trim().split('\n');
  const items = execFileSync('node', [generator, '--n', String(n), '--seed', '1'], { maxBuffer: 2 ** 31, stdio: ['ignore', 'pipe', 'ignore'] })
    .toString('utf8')
    .trim()
    .split('\n');
  const byId = new Map(collections.map((c) => [(JSON.parse(c) as { id: string }).id, c]));
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const base = `http://${request.headers.host}`;
      const send = (text: string) => response.writeHead(200, { 'content-type': 'application/json' }).end(text);
      const url = new URL(request.url ?? '/', base);
      if (url.pathname === '/') {
        return send(JSON.stringify({
          type: 'Catalog', id: 'bench-remote', stac_version: '1.0.0', description: 'bench',
          conformsTo: ['https://api.stacspec.org/v1.0.0/core', 'https://api.stacspec.org/v1.0.0/item-search'],
          links: [{ rel: 'search', href: `${base}/search`, method: 'POST', type: 'application/geo+json' }],
        }));
      }
      const collection = /^\/collections\/([^/]+)$/.exec(url.pathname)?.[1];
      if (collection !== undefined && byId.has(decodeURIComponent(collection))) return send(byId.get(decodeURIComponent(collection))!);
      if (url.pathname === '/search' && request.method === 'POST') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { limit?: number; token?: string };
        const offset = Number(body.token ?? 0);
        const limit = Math.min(body.limit ?? 10, PAGE);
        const next = offset + limit < items.length ? [{ rel: 'next', href: `${base}/search`, method: 'POST', body: { ...body, token: String(offset + limit) }, merge: false }] : [];
        return send(`{"type":"FeatureCollection","numberMatched":${items.length},"features":[${items.slice(offset, offset + limit).join(',')}],"links":${JSON.stringify(next)}}`);
      }
      response.writeHead(404).end('{}');
    });
  });
  server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port, collections: [...byId.keys()] }));
}

async function main(): Promise<void> {
  console.error(`starting a remote STAC API with ${n} generated items…`);
  const child = fork(new URL(import.meta.url).pathname, ['--remote', '--n', String(n)], { execArgv: ['--import', 'tsx'] });
  const remote = await new Promise<{ port: number; collections: string[] }>((resolve) => child.once('message', (m) => resolve(m as never)));
  const serverUrl = process.env.BENCH_DATABASE_URL;
  const rows: { engine: string; run: string; items: number; seconds: number; cpuSeconds: number }[] = [];
  try {
    rows.push(...(await harvestInto('pglite', remote)));
    if (serverUrl !== undefined && serverUrl !== '') rows.push(...(await harvestInto('postgres', remote)));
    else console.error('BENCH_DATABASE_URL unset: PostGIS run skipped');
  } finally {
    child.kill();
  }
  console.log(`\nHarvest of a loopback STAC API, ${n} generated items, pages of ${PAGE}, validated (${os.cpus().length} cores, Node ${process.version})`);
  console.log('engine    | run                   | items   | seconds | CPU s | items/s');
  console.log('----------|-----------------------|---------|---------|-------|--------');
  for (const r of rows) {
    console.log(
      `${r.engine.padEnd(9)} | ${r.run.padEnd(21)} | ${String(r.items).padStart(7)} | ${r.seconds.toFixed(1).padStart(7)} | ${r.cpuSeconds.toFixed(1).padStart(5)} | ${Math.round(r.items / r.seconds).toString().padStart(6)}`,
    );
  }
}

async function harvestInto(engine: 'pglite' | 'postgres', remote: { port: number; collections: string[] }) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'eopool-bench-harvest-'));
  let database: OpenDatabase;
  if (engine === 'postgres') {
    const admin = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS eopool_bench_harvest WITH (FORCE)');
    await admin.query('CREATE DATABASE eopool_bench_harvest');
    await admin.end();
    const url = new URL(process.env.BENCH_DATABASE_URL ?? '');
    url.pathname = '/eopool_bench_harvest';
    database = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
  } else {
    database = await openDatabase({ databaseUrl: null, dataDir: path.join(work, 'pglite') });
  }
  try {
    await migrate(database.db);
    await seedReferenceData(database.db);
    const config = loadConfig({ LOG_LEVEL: 'silent', EOPOOL_DEMO: '0', EOPOOL_ALLOWED_HOSTS: '127.0.0.1' });
    const services = createServices(database, config, true);
    const outbound = createOutboundClient({ allowedHosts: config.allowedHosts });
    const logger = { info: () => undefined, warn: (details: Record<string, unknown>, message: string) => console.error(message, details) };
    const runner = createHarvestRunner({ db: database.db, stac: services.stac, outbound, logger, pageSize: PAGE });
    const source = await createHarvestSource(
      database.db,
      { member: 'KZ', url: `http://127.0.0.1:${remote.port}`, collections: Object.fromEntries(remote.collections.map((c) => [c, `kz-${c}`])) },
      { principal: { keyId: 'bench', member: null, role: 'admin' }, allowedHosts: config.allowedHosts },
    );
    const rows = [];
    for (const run of ['first (all stored)', 'again (all unchanged)']) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const result = await runner.run(source.id, {
        afterPage: (c) => void process.stderr.write(`\r${engine} ${run}: ${c.fetched} fetched, ${c.stored} stored, ${c.unchanged} unchanged, ${c.rejected} rejected, ${c.itemsPerSecond} items/s`),
      });
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      process.stderr.write('\n');
      if (result.state !== 'succeeded') throw new Error(`harvest ${result.state}: ${result.error}`);
      rows.push({ engine, run, items: Number(result.counts.fetched), seconds, cpuSeconds: (used.user + used.system) / 1e6 });
    }
    outbound.close();
    return rows;
  } finally {
    await database.close();
    fs.rmSync(work, { recursive: true, force: true });
    if (engine === 'postgres') {
      const admin = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL });
      await admin.connect();
      await admin.query('DROP DATABASE IF EXISTS eopool_bench_harvest WITH (FORCE)');
      await admin.end();
    }
  }
}
