import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { buildApp } from './app.js';
import { createApiKey, type Role } from './auth/index.js';
import { authorizeCollectionWrite, refreshItemStatistics, scheduleItemStatistics } from './catalog/index.js';
import { type Config, loadConfig } from './config.js';
import { createServices } from './create-services.js';
import { migrate, openDatabase, type OpenDatabase } from './db/index.js';
import { EopoolError } from './errors.js';
import { ingestGeotiff } from './ingest/geotiff/index.js';
import { createHarvestRunner, findOrCreateHarvestSource } from './ingest/harvest/index.js';
import { ingestNdjson } from './ingest/ingest-ndjson.js';
import { createOutboundClient } from './net/index.js';
import { loadDemoIfEmpty } from './ingest/load-demo.js';
import { seedReferenceData } from './reference/seed-reference-data.js';
import { createRevisitService, formatRevisitTable, revisitQuery, updateTles, type RevisitAnswer } from './revisit/index.js';
import { createScheduler } from './scheduler/index.js';

const USAGE = `eopool — pooled Earth-observation catalog and revisit scheduler

usage: eopool <command> [options]

  serve                                   start the API (HOST, PORT); migrates, seeds, loads demo scenes
  migrate                                 apply the SQL migrations of sql/
  seed                                    load members, territories and satellites (idempotent)
  ingest FILE.ndjson --collection C       upsert one item per line, with a progress line
  ingest-geotiff FILE_OR_URL... --collection C [--datetime T]
                                          one item per GeoTIFF/COG from its header (URLs by range requests)
  harvest URL --collection remote:local [--collection …] --member KZ [--filter CQL2-JSON]
                                          harvest a member's STAC API once, with a progress line
                                          (the same command again continues incrementally)
  tle FILE                                update TLEs from a CelesTrak-style 3-line file, matched by NORAD id
  revisit --territory KZ [--start 2026-05-08] [--days 14] [--mode nadir|agile] [--grid-km N]
          [--members KZ,CN] [--satellites 40697,42063] [--sensor optical|sar]
          [--sun-elevation-min 10] [--allow-stale]
                                          predicted revisit of a territory: the pool, each member, the gain
  keys create --member KZ --role member   create an API key (printed once)
  openapi                                 print the OpenAPI document as YAML

Configuration comes from the environment; see README.md.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'serve':
      return serve(config);
    case 'migrate':
      return withDatabase(config, async (database) => {
        const applied = await migrate(database.db);
        console.log(applied.length === 0 ? 'migrations: up to date' : `migrations applied: ${applied.join(', ')}`);
      });
    case 'seed':
      return withDatabase(config, async (database) => {
        await migrate(database.db);
        const counts = await seedReferenceData(database.db);
        console.log(`seeded: ${counts.members} members, ${counts.territories} territories, ${counts.satellites} satellites, ${counts.tles} TLEs (rows already present are kept)`);
      });
    case 'ingest':
      return ingest(config, rest);
    case 'ingest-geotiff':
      return ingestGeotiffs(config, rest);
    case 'harvest':
      return harvest(config, rest);
    case 'keys':
      return keys(config, rest);
    case 'tle':
      return tle(config, rest);
    case 'revisit':
      return revisit(config, rest);
    case 'openapi':
      return printOpenApi(config);
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      console.error(`eopool: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

async function withDatabase(config: Config, work: (database: OpenDatabase) => Promise<void>): Promise<number> {
  const database = await openDatabase(config);
  try {
    await work(database);
    return 0;
  } finally {
    await database.close();
  }
}

async function serve(config: Config): Promise<number> {
  const started = Date.now();
  const database = await openDatabase(config);
  const services = createServices(database, config, false);
  // The scheduler exists before the routes, which register their jobs with it (the nightly revisit
  // windows); it logs through the app's logger.
  const scheduler = createScheduler(database.db, { info: (d, m) => app.log.info(d, m), error: (d, m) => app.log.error(d, m) });
  services.scheduler = scheduler;
  const app = await buildApp(config, services);
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await scheduler.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ host: config.host, port: config.port });
  const applied = await migrate(database.db);
  const seeded = await seedReferenceData(database.db);
  app.log.info({ migrations: applied, seeded }, 'database ready');
  if (config.demo) {
    const demo = await loadDemoIfEmpty(database.db, services, config.limits.ndjsonLineBytes);
    if (demo !== null) app.log.info(demo, 'demo scenes loaded');
  }
  app.log.info(await refreshItemStatistics(database.db), 'item statistics checked');
  scheduleItemStatistics(scheduler, database.db);
  services.readiness.ready = true;
  app.log.info({ database: database.engine, seconds: (Date.now() - started) / 1000 }, 'eopool ready');
  return new Promise<number>(() => undefined);
}

async function ingest(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { collection: { type: 'string' } }, allowPositionals: true });
  const file = positionals[0];
  if (file === undefined || values.collection === undefined) {
    console.error('usage: eopool ingest FILE.ndjson --collection C');
    return 2;
  }
  const collection = values.collection;
  return withDatabase(config, async (database) => {
    await migrate(database.db);
    const services = createServices(database, config, true);
    const member = await authorizeCollectionWrite(database.db, collection, { keyId: 'cli', member: null, role: 'admin' });
    const started = Date.now();
    const report = await ingestNdjson(fs.createReadStream(file), {
      db: database.db,
      pool: services.preparePool,
      collection,
      member,
      maxLineBytes: config.limits.ndjsonLineBytes,
      onProgress: (p) =>
        process.stderr.write(`\r${p.lines} lines, ${p.stored} stored, ${p.unchanged} unchanged, ${p.rejected} rejected, ${Math.round(p.stored / Math.max(p.seconds, 0.001))} items/s`),
    }).finally(() => services.preparePool.close());
    const seconds = (Date.now() - started) / 1000;
    process.stderr.write('\n');
    console.log(`${file} -> ${collection}: ${report.stored} stored, ${report.unchanged} unchanged, ${report.rejected.length} rejected in ${seconds.toFixed(1)} s`);
    for (const r of report.rejected.slice(0, 20)) console.log(`  line ${r.index}${r.id === null ? '' : ` (${r.id})`}: ${r.code}: ${r.description}`);
    if (report.rejected.length > 20) console.log(`  … and ${report.rejected.length - 20} more`);
    if ((await refreshItemStatistics(database.db)).analysed) console.log('planner statistics of the items refreshed (ANALYZE)');
  });
}

async function tle(config: Config, args: string[]): Promise<number> {
  const [file, ...extra] = args;
  if (file === undefined || extra.length > 0) {
    console.error('usage: eopool tle FILE');
    return 2;
  }
  const text = fs.readFileSync(file, 'utf8');
  return withDatabase(config, async (database) => {
    await migrate(database.db);
    await seedReferenceData(database.db);
    const report = await updateTles(database.db, text, { keyId: 'cli', member: null, role: 'admin' });
    console.log(
      `${file}: ${report.updated.length} updated, ${report.older.length} older than the stored TLE (kept in the history), ` +
        `${report.unchanged} already stored, ${report.unknown} of unregistered satellites, ${report.rejected.length} rejected`,
    );
    for (const u of report.updated) console.log(`  ${u.norad_id} ${u.name ?? ''}: ${u.previous_epoch} -> ${u.epoch}`);
    for (const r of report.rejected.slice(0, 20)) console.log(`  file line ${r.lineNumber}${r.name === null ? '' : ` (${r.name})`}: ${r.description}`);
    if (report.rejected.length > 20) console.log(`  … and ${report.rejected.length - 20} more`);
  });
}

async function revisit(config: Config, args: string[]): Promise<number> {
  const text = { type: 'string' } as const;
  const { values } = parseArgs({
    args,
    options: {
      territory: text, start: text, days: text, mode: text, 'grid-km': text, 'sun-elevation-min': text,
      members: text, satellites: text, sensor: text, 'allow-stale': { type: 'boolean' },
    },
  });
  if (values.territory === undefined) {
    console.error('usage: eopool revisit --territory KZ [--start 2026-05-08] [--days 14] [--mode nadir|agile] [--grid-km N] ...');
    return 2;
  }
  const territory = values.territory;
  const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  const query = revisitQuery({
    territory,
    start: values.start,
    days: number(values.days),
    mode: values.mode as 'nadir' | 'agile' | undefined,
    grid_km: number(values['grid-km']),
    sun_elevation_min: number(values['sun-elevation-min']),
    members: values.members,
    satellites: values.satellites,
    sensor: values.sensor as 'optical' | 'sar' | undefined,
    allow_stale: values['allow-stale'],
  });
  return withDatabase(config, async (database) => {
    await migrate(database.db);
    await seedReferenceData(database.db);
    const service = createRevisitService({
      db: database.db,
      limits: config.limits,
      clock: () => new Date(),
      logger: { info: () => undefined, error: (_details, message) => console.error(message) },
      background: false,
    });
    // The computation runs in a worker thread, so this thread is free to tick.
    const started = Date.now();
    const status = (what: string) => process.stderr.write(`\rrevisit ${territory}: ${what} ${((Date.now() - started) / 1000).toFixed(1)} s`.padEnd(48));
    const progress = setInterval(() => status('computing…'), 250);
    let answer: RevisitAnswer;
    try {
      answer = await service.revisit(query);
    } finally {
      clearInterval(progress);
      status('done in');
      process.stderr.write('\n');
      await service.close();
    }
    console.log(formatRevisitTable(answer));
  });
}

async function ingestGeotiffs(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { collection: { type: 'string' }, datetime: { type: 'string' } }, allowPositionals: true });
  if (positionals.length === 0 || values.collection === undefined) {
    console.error('usage: eopool ingest-geotiff FILE_OR_URL... --collection C [--datetime 2024-05-01T10:00:00Z]');
    return 2;
  }
  const collection = values.collection;
  let refused = 0;
  const status = await withDatabase(config, async (database) => {
    await migrate(database.db);
    const services = createServices(database, config, true);
    const member = await authorizeCollectionWrite(database.db, collection, { keyId: 'cli', member: null, role: 'admin' });
    const outbound = createOutboundClient({ allowedHosts: config.allowedHosts, userAgent: 'eopool-geotiff' });
    try {
      for (const [index, source] of positionals.entries()) {
        process.stderr.write(`\r${index + 1}/${positionals.length} ${source}`);
        try {
          const result = await ingestGeotiff({ db: database.db, stac: services.stac, outbound, collection, member, source, datetime: values.datetime ?? null, allowLocalPaths: true });
          const read = result.bytesRead > 0 ? `, ${result.bytesRead} bytes read` : '';
          process.stderr.write('\n');
          console.log(`${source} -> ${collection}/${String(result.item.id)} (${result.stored ? 'stored' : 'unchanged'}${read})`);
          for (const warning of result.warnings) console.log(`  ${warning}`);
        } catch (error) {
          if (!(error instanceof EopoolError)) throw error;
          refused++;
          process.stderr.write('\n');
          console.log(`${source}: refused: ${error.code}: ${error.description}`);
        }
      }
    } finally {
      outbound.close();
    }
  });
  return status === 0 && refused > 0 ? 1 : status;
}

async function harvest(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { collection: { type: 'string', multiple: true }, member: { type: 'string' }, filter: { type: 'string' } },
    allowPositionals: true,
  });
  const pairs = (values.collection ?? []).map((c) => c.split(':'));
  if (positionals.length !== 1 || values.member === undefined || pairs.length === 0 || pairs.some((p) => p.length !== 2 || p[0] === '' || p[1] === '')) {
    console.error('usage: eopool harvest URL --collection remote:local [--collection …] --member KZ [--filter CQL2-JSON]');
    return 2;
  }
  let failed = false;
  const status = await withDatabase(config, async (database) => {
    await migrate(database.db);
    await seedReferenceData(database.db);
    const services = createServices(database, config, true);
    const outbound = createOutboundClient({ allowedHosts: config.allowedHosts, userAgent: 'eopool-harvest' });
    try {
      const source = await findOrCreateHarvestSource(
        database.db,
        {
          member: values.member!,
          url: positionals[0]!,
          collections: Object.fromEntries(pairs),
          filter: values.filter === undefined ? null : (JSON.parse(values.filter) as Record<string, unknown>),
        },
        { principal: { keyId: 'cli', member: null, role: 'admin' }, allowedHosts: config.allowedHosts },
      );
      const logger = { info: () => undefined, warn: (details: Record<string, unknown>, message: string) => process.stderr.write(`\n${message}: ${String(details.reason ?? details.err ?? '')}\n`) };
      const runner = createHarvestRunner({ db: database.db, stac: services.stac, outbound, logger });
      const run = await runner.run(source.id, {
        afterPage: (c) =>
          void process.stderr.write(`\r${c.mode}${c.resumed ? ' (resumed)' : ''}: ${c.pages} pages, ${c.fetched} fetched, ${c.stored} stored, ${c.unchanged} unchanged, ${c.rejected} rejected, ${c.itemsPerSecond} items/s`),
      });
      process.stderr.write('\n');
      const counts = run.counts as Record<string, unknown>;
      console.log(
        `harvest ${source.id} (run ${run.id}) ${run.state}: ${String(counts.fetched ?? 0)} fetched, ${String(counts.stored ?? 0)} stored, ` +
          `${String(counts.unchanged ?? 0)} unchanged, ${String(counts.rejected ?? 0)} rejected in ${(run.seconds ?? 0).toFixed(1)} s`,
      );
      if (run.error !== null) console.log(`  ${run.error}`);
      failed = run.state === 'failed';
    } finally {
      outbound.close();
    }
  });
  return status === 0 && failed ? 1 : status;
}

async function keys(config: Config, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const { values } = parseArgs({ args: rest, options: { member: { type: 'string' }, role: { type: 'string', default: 'member' } } });
  const role = values.role as Role;
  if (action !== 'create' || !['reader', 'member', 'admin'].includes(role) || (values.member === undefined && role !== 'admin')) {
    console.error('usage: eopool keys create --member KZ --role reader|member|admin');
    return 2;
  }
  return withDatabase(config, async (database) => {
    await migrate(database.db);
    await seedReferenceData(database.db);
    const key = await createApiKey(database.db, { member: values.member ?? null, role });
    console.log(`key ${key.id} (${key.role}${key.member === null ? '' : ` of ${key.member}`}) — shown this once, store it now:\n${key.key}`);
  });
}

/**
 * The OpenAPI document comes from the route schemas alone; the app is built over a pool that never
 * connects, so printing it needs no database.
 */
async function printOpenApi(config: Config): Promise<number> {
  const database = await openDatabase({ databaseUrl: 'postgres://unused.invalid/eopool', dataDir: config.dataDir });
  const app = await buildApp(config, createServices(database, config, true), { logger: false });
  await app.ready();
  process.stdout.write(stringify(app.swagger()));
  await app.close();
  await database.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`eopool: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
