/**
 * Item search benchmark: N generated scenes (../shared/bench/gen-items.mjs, seed 1, the data behind
 * the pgstac reference figures) loaded through the NDJSON ingest path, then the fixed query mix of
 * ../shared/bench/search-mix.json plus an aggregation kind, each kind run for a fixed time through
 * HTTP against a listening eopool server (a child process), one request at a time over keep-alive.
 *
 *   DATABASE_URL=postgres://…/eopool_bench npm run bench:search -- --n 1000000
 *   npm run bench:search -- --n 100000          # embedded PGlite in bench/out/pglite-100000
 *
 * Options: --n N (items, default 100000; an existing database keeps what it holds), --seconds S
 * (per kind, default 15), --shared DIR (default ../shared/bench), --data-dir DIR (PGlite),
 * --no-explain. Prints EXPLAIN ANALYZE of one query per kind, then one table: per kind the median
 * and 99th percentile latency (paging: of page 20), requests per second and rows per request.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CompiledQuery, type Kysely } from 'kysely';
import { compileAggregation, compileSearch, searchItems } from '../src/catalog/index.js';
import { loadConfig } from '../src/config.js';
import { createServices } from '../src/create-services.js';
import { type Database, migrate, openDatabase } from '../src/db/index.js';
import { aggregateParameters, searchParameters } from '../src/http/search-parameters.js';
import { seedReferenceData } from '../src/reference/seed-reference-data.js';
import { countItems, loadBenchData } from './search-data.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '15' },
    shared: { type: 'string', default: path.join(ROOT, '../shared/bench') },
    'data-dir': { type: 'string' },
    'no-explain': { type: 'boolean', default: false },
  },
});
const n = Number(values.n);
const seconds = Number(values.seconds);
const sharedDir = path.resolve(values.shared);
const config = loadConfig();
const dataDir = path.resolve(values['data-dir'] ?? path.join(ROOT, 'bench/out', `pglite-${n}`));
const log = (line: string) => process.stderr.write(`${line}\n`);

interface MixQuery {
  id: string;
  kind: string;
  body: Record<string, unknown>;
  pages?: number;
}

/** The mix of search-mix.json, and an aggregation kind: its bbox + datetime boxes over one month. */
function queryMix(): MixQuery[] {
  const mix = JSON.parse(fs.readFileSync(path.join(sharedDir, 'search-mix.json'), 'utf8')) as { queries: MixQuery[] };
  const aggregations = mix.queries
    .filter((q) => q.kind === 'bbox-dt-10')
    .slice(0, 30)
    .map((q, i): MixQuery => {
      const start = String(q.body.datetime).split('/')[0] as string;
      const end = new Date(Date.parse(start) + 30 * 86_400_000).toISOString().replace('.000Z', 'Z');
      return {
        id: `aggregate-${String(i + 1).padStart(2, '0')}`,
        kind: 'aggregate-bbox-month',
        body: {
          bbox: q.body.bbox,
          datetime: `${start}/${end}`,
          aggregations: ['total_count', 'collection_frequency', 'platform_frequency', 'datetime_frequency', 'cloud_cover_frequency', 'datetime_min', 'datetime_max'],
        },
      };
    });
  return [...mix.queries, ...aggregations];
}

/** EXPLAIN ANALYZE of the statement the first query of each kind runs (page 20 for paging). */
async function explainKinds(db: Kysely<Database>, queries: MixQuery[]): Promise<void> {
  for (const kind of [...new Set(queries.map((q) => q.kind))]) {
    const query = queries.find((q) => q.kind === kind) as MixQuery;
    let compiled: CompiledQuery;
    if (kind.startsWith('aggregate')) {
      compiled = await compileAggregation(db, aggregateParameters(query.body, 'post', config.limits));
    } else {
      let request = searchParameters(query.body, 'post', config.limits).request;
      for (let page = 1; page < (query.pages ?? 1); page++) {
        const next = (await searchItems(db, request)).next;
        if (next === null) break;
        request = { ...request, token: next };
      }
      compiled = await compileSearch(db, request);
    }
    const plan = await db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${compiled.sql}`, [...compiled.parameters]));
    const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    // Geometry literals print as long hex strings: shortened, the plan stays readable.
    console.log(`\n### EXPLAIN ANALYZE: ${kind} (${query.id}${query.pages === undefined ? '' : `, page ${query.pages}`})\n`);
    console.log(text.replace(/'[0-9A-F]{64,}'/g, "'<geometry>'").replace(/'\{"type":[^']{200,}'/g, "'<GeoJSON>'"));
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** eopool serving the benchmark database, as `eopool serve` runs in production. */
async function startServer(): Promise<{ base: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const env = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    EOPOOL_DEMO: '0',
    LOG_LEVEL: 'warn',
    ...(config.databaseUrl === null ? { EOPOOL_DATA_DIR: dataDir } : {}),
  };
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/eopool.js'), 'serve'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${base}/health`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (attempt > 600) throw new Error('the eopool server did not become ready');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    base,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

interface KindResult {
  kind: string;
  queries: number;
  requests: number;
  samples: number[];
  rows: number;
  errors: number;
  wallSeconds: number;
}

/** One keep-alive connection, as a single client holds it (lighter than fetch, so the client costs little). */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function post(url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), accept: 'application/geo+json' } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/** One query through HTTP, following next links for a paging query; the latency sampled is the last page's. */
async function runQuery(base: string, query: MixQuery, result: KindResult): Promise<void> {
  const aggregate = query.kind.startsWith('aggregate');
  let body: Record<string, unknown> | null = query.body;
  for (let page = 1; body !== null && page <= (query.pages ?? 1); page++) {
    const started = performance.now();
    const response = await post(`${base}${aggregate ? '/aggregate' : '/search'}`, body);
    const answer = response.json as { features?: unknown[]; links?: { rel: string; body?: Record<string, unknown> }[] };
    const elapsed = performance.now() - started;
    result.requests += 1;
    if (response.status !== 200) {
      result.errors += 1;
      log(`  ${query.id}: HTTP ${response.status} ${JSON.stringify(answer).slice(0, 200)}`);
      return;
    }
    result.rows += answer.features?.length ?? 1;
    const next = answer.links?.find((l) => l.rel === 'next');
    if (page === (query.pages ?? 1) || next === undefined) result.samples.push(elapsed);
    body = next?.body ?? null;
  }
}

async function runKinds(base: string, queries: MixQuery[]): Promise<KindResult[]> {
  const results: KindResult[] = [];
  for (const kind of [...new Set(queries.map((q) => q.kind))]) {
    const ofKind = queries.filter((q) => q.kind === kind);
    const warm: KindResult = { kind, queries: 0, requests: 0, samples: [], rows: 0, errors: 0, wallSeconds: 0 };
    for (const query of ofKind) await runQuery(base, query, warm);
    const result: KindResult = { kind, queries: ofKind.length, requests: 0, samples: [], rows: 0, errors: 0, wallSeconds: 0 };
    const started = performance.now();
    for (let i = 0; performance.now() - started < seconds * 1000; i++) await runQuery(base, ofKind[i % ofKind.length] as MixQuery, result);
    result.wallSeconds = (performance.now() - started) / 1000;
    results.push(result);
    log(`  ${kind}: ${result.requests} requests in ${result.wallSeconds.toFixed(1)} s`);
  }
  return results;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number);
}

function printTable(results: KindResult[], header: string): void {
  const rows = results.map((r) => {
    const sorted = [...r.samples].sort((a, b) => a - b);
    return [
      r.kind === 'paging-20' ? 'paging-20 (page 20)' : r.kind,
      String(r.queries),
      String(r.requests),
      percentile(sorted, 50).toFixed(1),
      percentile(sorted, 99).toFixed(1),
      (r.requests / r.wallSeconds).toFixed(1),
      (r.rows / Math.max(1, r.requests)).toFixed(1),
      String(r.errors),
    ];
  });
  const head = ['kind', 'queries', 'requests', 'median ms', 'p99 ms', 'requests/s', 'rows/request', 'errors'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] as string).length)));
  const line = (cells: string[]) => `| ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number))).join(' | ')} |`;
  console.log(`\n${header}\n`);
  console.log(line(head));
  console.log(`|${widths.map((w, c) => (c === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir });
await migrate(database.db);
await seedReferenceData(database.db);
let items = await countItems(database.db);
let loadNote = '';
if (items === 0) {
  log(`loading ${n} generated items into ${database.engine} …`);
  const services = createServices(database, config, true);
  const rate = await loadBenchData(database.db, services.stac, services.preparePool, {
    sharedDir,
    n,
    maxLineBytes: config.limits.ndjsonLineBytes,
    parallel: database.engine === 'postgres' ? 2 : 1,
    log,
  });
  await services.preparePool.close();
  items = await countItems(database.db);
  loadNote = `; loaded through NDJSON ingest at ${Math.round(rate)} items/s`;
} else if (items !== n) {
  log(`the database already holds ${items} items (not ${n}): measuring those`);
}
const queries = queryMix();
if (!values['no-explain']) await explainKinds(database.db, queries);
await database.close();

const loadBefore = os.loadavg()[0] as number;
const server = await startServer();
let results: KindResult[];
try {
  results = await runKinds(server.base, queries);
} finally {
  await server.stop();
  agent.destroy();
}
const engine = config.databaseUrl === null ? 'embedded PGlite (PostgreSQL 18, PostGIS 3.6)' : 'PostgreSQL 15 / PostGIS 3.3';
printTable(
  results,
  `search bench: ${items.toLocaleString('en-US')} items on ${engine}${loadNote}; POST /search and /aggregate through HTTP, one client, ` +
    `${seconds} s per kind after one warm-up pass; Node ${process.version}, ${os.cpus().length} CPUs, ` +
    `load average ${loadBefore.toFixed(1)} before and ${(os.loadavg()[0] as number).toFixed(1)} after, ${new Date().toISOString()}`,
);
