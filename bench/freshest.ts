// npm run bench:freshest [-- --n 1000000 --from eopool_bench --runs 25]
// The emergency and gap answers (issue 5) over the search benchmark's generated catalog (N scenes of
// bench/gen-items.mjs, seed 1, ending 2025-12-31) on PostGIS (BENCH_DATABASE_URL names the server):
// - /freshest scenes and mosaic over 10,000 km² squares (100 km × 100 km) centred at random points
//   of the SCO region (where 90 % of the scenes are), `at` the catalog's end: the domain call (area
//   checks, then one statement per look-back window), and the whole POST /freshest through HTTP;
// - next_passes alone: 48 hours of the whole pool over the same centres, `at` just after the
//   seeded TLEs (2026-05-08: at the catalog's end they are 127 days old, so stale);
// - GET /territories/KZ/gaps?since=P7D, `at` the catalog's end, through HTTP.
// The data live in database eopool_bench_freshest: created from --from (a database already holding
// the N scenes, copied with CREATE DATABASE … TEMPLATE), or else loaded through the NDJSON ingest
// (bench/search-data.ts), then migrated and analysed. Prints one table.
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createServices } from '../src/create-services.js';
import { migrate, openDatabase } from '../src/db/index.js';
import { findFreshest, measureArea, predictNextPasses, resolveArea } from '../src/monitoring/index.js';
import { seedReferenceData } from '../src/reference/seed-reference-data.js';
import { countItems, loadBenchData } from './search-data.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '1000000' },
    from: { type: 'string' },
    runs: { type: 'string', default: '25' },
  },
});
const n = Number(values.n);
const runs = Number(values.runs);
const serverUrl = process.env.BENCH_DATABASE_URL;
if (serverUrl === undefined || serverUrl === '') {
  console.error('BENCH_DATABASE_URL must name a PostgreSQL server (the targets are for PostGIS)');
  process.exit(2);
}
const NAME = 'eopool_bench_freshest';
const CATALOG_END = '2026-01-01T00:00:00Z';
const TLE_TIME = '2026-05-08T00:00:00Z';

const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [NAME])).rowCount === 1;
if (!exists && values.from !== undefined) {
  console.error(`copying ${values.from} into ${NAME}…`);
  await admin.query(`CREATE DATABASE ${NAME} TEMPLATE ${pg.escapeIdentifier(values.from)}`);
} else if (!exists) {
  await admin.query(`CREATE DATABASE ${NAME}`);
}
await admin.end();
const url = new URL(serverUrl);
url.pathname = `/${NAME}`;
const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
await migrate(database.db);
await seedReferenceData(database.db);
const config = loadConfig({ LOG_LEVEL: 'silent', EOPOOL_DEMO: '0' });
const services = createServices(database, config, true);
const stored = await countItems(database.db);
if (stored < n) {
  console.error(`loading ${n} generated items (found ${stored})…`);
  const rate = await loadBenchData(database.db, services.stac, services.preparePool, {
    sharedDir: new URL('.', import.meta.url).pathname,
    n,
    maxLineBytes: config.limits.ndjsonLineBytes,
    parallel: 2,
    log: (line) => console.error(line),
  });
  console.error(`loaded at ${Math.round(rate)} items/s`);
} else {
  await sql`ANALYZE items`.execute(database.db);
}
const items = await countItems(database.db);
const app = await buildApp(config, services, { logger: false });

/** A deterministic PRNG (mulberry32), so every run times the same areas. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const next = random(5);
/** 100 km × 100 km squares centred in the SCO region (lon 25–150, lat 5–70). */
const squares = Array.from({ length: runs }, () => {
  const lon = 25 + next() * 125;
  const lat = 5 + next() * 65;
  const halfLat = 50 / 111.2;
  const halfLon = halfLat / Math.cos((lat * Math.PI) / 180);
  return [lon - halfLon, lat - halfLat, lon + halfLon, lat + halfLat];
});

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [performance.now() - started, result];
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(0.9 * xs.length) - 1)]!;

// One untimed pass warms the caches as a serving process would be.
const freshestOnce = async (bbox: number[]) => {
  const area = resolveArea({ bbox }, config.limits.geometryVertices);
  const window = { since: null, at: new Date(CATALOG_END) };
  const areaKm2 = await measureArea(database.db, area, config.limits.areaOfInterestKm2);
  return findFreshest(database.db, { area, areaKm2, filters: {}, window, minCoverage: 0.5, limit: 10 });
};
for (const bbox of squares) await freshestOnce(bbox);

const domain: number[] = [];
const scenesFound: number[] = [];
const mosaicScenes: number[] = [];
const mosaicCoverage: number[] = [];
for (const bbox of squares) {
  const [ms, result] = await timed(() => freshestOnce(bbox));
  domain.push(ms);
  scenesFound.push(result.scenes.length);
  mosaicScenes.push(result.mosaic.scenes.length);
  mosaicCoverage.push(result.mosaic.coverage);
}
const http: number[] = [];
for (const bbox of squares) {
  const [ms, response] = await timed(() =>
    app.inject({ method: 'POST', url: '/freshest', payload: { bbox, at: CATALOG_END, horizon_hours: 48 } }),
  );
  if (response.statusCode !== 200) throw new Error(`POST /freshest: ${response.statusCode} ${response.body}`);
  http.push(ms);
}
const passes: number[] = [];
const passCounts: number[] = [];
for (const bbox of squares) {
  const centre = resolveArea({ bbox }, config.limits.geometryVertices).centre;
  const [ms, result] = await timed(() => predictNextPasses(database.db, { centre, at: new Date(TLE_TIME), horizonHours: 48 }));
  passes.push(ms);
  passCounts.push(result.passes.length);
}
/** Time a GET a few times; its times and last answer. */
async function repeatGet(path: string): Promise<[number[], Record<string, any>]> {
  const times: number[] = [];
  let answer: Record<string, any> = {};
  for (let i = 0; i < Math.max(5, Math.round(runs / 5)); i++) {
    const [ms, response] = await timed(() => app.inject({ url: path }));
    if (response.statusCode !== 200) throw new Error(`GET ${path}: ${response.statusCode} ${response.body}`);
    times.push(ms);
    answer = response.json();
  }
  return [times, answer];
}
const gapsNote = (answer: Record<string, any>) =>
  `${answer.scenes} scenes, ${answer.features.length} gaps, stale share ${Number(answer.stale_share).toFixed(3)}`;
const [gaps, gapAnswer] = await repeatGet(`/territories/KZ/gaps?since=P7D&at=${CATALOG_END}`);
const [dayGaps, dayGapAnswer] = await repeatGet(`/territories/KZ/gaps?since=P1D&at=${CATALOG_END}`);
const [grid, gridAnswer] = await repeatGet(`/territories/KZ/gaps?since=P7D&at=${CATALOG_END}&format=grid&cell_km=25`);
await app.close();
await database.close();

const rows: [string, number[], string][] = [
  ['/freshest scenes + mosaic (domain)', domain, `${median(scenesFound)} scenes, mosaic ${median(mosaicScenes)} scenes at ${median(mosaicCoverage).toFixed(3)}`],
  ['POST /freshest with next_passes (HTTP)', http, 'next_passes empty: TLEs stale at 2025-12-31'],
  ['next_passes, 48 h, whole pool', passes, `${median(passCounts)} passes, at ${TLE_TIME}`],
  ['GET /territories/KZ/gaps?since=P7D (HTTP)', gaps, gapsNote(gapAnswer)],
  ['GET /territories/KZ/gaps?since=P1D (HTTP)', dayGaps, gapsNote(dayGapAnswer)],
  ['… ?since=P7D&format=grid&cell_km=25 (HTTP)', grid, `${gridAnswer.cells} cells, ${gridAnswer.stale_cells} without a scene`],
];
console.log(`\nPostGIS (${NAME}), ${items.toLocaleString('en')} scenes, ${runs} areas of 10,000 km², at ${CATALOG_END}\n`);
console.log('| measured                                  | runs | median ms | p90 ms | answer (median)');
console.log('|-------------------------------------------|-----:|----------:|-------:|----------------');
for (const [what, times, note] of rows) {
  console.log(`| ${what.padEnd(41)} | ${String(times.length).padStart(4)} | ${median(times).toFixed(1).padStart(9)} | ${p90(times).toFixed(1).padStart(6)} | ${note}`);
}
