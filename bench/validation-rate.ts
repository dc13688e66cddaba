/**
 * Measures how fast real STAC items are validated once the schemas are compiled (not a test: run
 * it with `node --import tsx bench/validation-rate.ts [count]`). Prints one
 * table: the first call's compile cost, then items per second over `count` validations (10,000 by
 * default) cycling through every item of fixtures/stac, each migrated beforehand.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createStacValidator, migrateStac } from '../src/stac/validation/index.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const count = Number(process.argv[2] ?? 10_000);

function itemFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? itemFiles(p) : name === 'items.ndjson' ? [p] : [];
  });
}

const raw = itemFiles(path.join(repo, 'fixtures/stac')).flatMap((file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>),
);

let t = performance.now();
const migrated = raw.map((doc) => migrateStac(doc, 'Item').document);
const migrateMs = performance.now() - t;

t = performance.now();
const validator = createStacValidator({ schemasDir: path.join(repo, 'schemas') });
validator.validate(migrated[0] as Record<string, unknown>, 'Item');
const firstCallMs = performance.now() - t;

t = performance.now();
for (const doc of migrated) validator.validate(doc, 'Item');
const warmUpMs = performance.now() - t;

/** CPU time as well as wall time: on a shared machine the wall clock also counts other processes. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

let invalid = 0;
t = performance.now();
let cpu = process.cpuUsage();
for (let i = 0; i < count; i++) {
  if (validator.validate(migrated[i % migrated.length] as Record<string, unknown>, 'Item').errors.length > 0) invalid++;
}
const runMs = performance.now() - t;
const runCpuMs = cpuMs(cpu);

const validOnly = migrated.filter((doc) => validator.validate(doc, 'Item').errors.length === 0);
t = performance.now();
cpu = process.cpuUsage();
for (let i = 0; i < count; i++) validator.validate(validOnly[i % validOnly.length] as Record<string, unknown>, 'Item');
const validMs = performance.now() - t;
const validCpuMs = cpuMs(cpu);

const rows: [string, string][] = [
  ['items in fixtures/stac (distinct)', String(raw.length)],
  ['migrateStac, all distinct items', `${migrateMs.toFixed(1)} ms (${((raw.length / migrateMs) * 1000).toFixed(0)} items/s)`],
  ['first validate (compile item schema + its extensions)', `${firstCallMs.toFixed(1)} ms`],
  ['first pass over all items (compiles the other schemas)', `${warmUpMs.toFixed(1)} ms`],
  [`validate ${count} items, mixed (${invalid} invalid)`, rate(runMs, runCpuMs)],
  [`validate ${count} items, valid ones only (${validOnly.length} distinct)`, rate(validMs, validCpuMs)],
];

function rate(wallMs: number, cpuUsedMs: number): string {
  const perSecond = (ms: number): string => ((count / ms) * 1000).toFixed(0);
  return `${perSecond(wallMs)} items/s wall (${((wallMs * 1000) / count).toFixed(0)} µs/item), ${perSecond(cpuUsedMs)} items/s CPU (${((cpuUsedMs * 1000) / count).toFixed(0)} µs/item)`;
}
const width = Math.max(...rows.map(([k]) => k.length));
console.log(`STAC validation (Node ${process.version}, no database, load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} CPUs)`);
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
