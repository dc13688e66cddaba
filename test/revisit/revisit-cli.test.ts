/**
 * `eopool tle FILE` and `eopool revisit` through bin/eopool.js, as a user runs them: tsx registered
 * by the script rather than by `--import`, so this also shows the revisit worker thread starting there.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { tleChecksum } from '../../src/orbits/index.js';
import { cloneTemplate } from '../helpers/template.js';

const location = await cloneTemplate(t);
const env: Record<string, string> = { ...(process.env as Record<string, string>), LOG_LEVEL: 'silent', EOPOOL_DEMO: '0' };
delete env.NODE_OPTIONS;
delete env.DATABASE_URL;
if (location.databaseUrl !== null) env.DATABASE_URL = location.databaseUrl;
else env.EOPOOL_DATA_DIR = location.dataDir;

const BIN = new URL('../../bin/eopool.js', import.meta.url).pathname;

function eopool(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

t.test('eopool tle FILE updates the matching satellites from a 3-line file', async (t) => {
  const satellites = JSON.parse(fs.readFileSync(new URL('../../fixtures/satellites.json', import.meta.url), 'utf8')).satellites as {
    norad_id: number;
    tle: [string, string];
  }[];
  const [line1, line2] = satellites.find((s) => s.norad_id === 40697)!.tle;
  const newer = `${line1.slice(0, 18)}26150.25000000${line1.slice(32, 68)}`;
  const file = path.join(os.tmpdir(), `eopool-cli-test-${process.pid}-${randomBytes(4).toString('hex')}.tle`);
  fs.writeFileSync(file, `SENTINEL-2A\n${newer}${tleChecksum(newer)}\n${line2}\n`);
  t.teardown(() => fs.rmSync(file, { force: true }));
  const run = await eopool('tle', file);
  t.equal(run.code, 0, run.stderr);
  t.match(run.stdout, /1 updated, 0 older/);
  t.match(run.stdout, /40697 SENTINEL-2A: 2026-05-07T19:04:54\.194Z -> 2026-05-30T06:00:00\.000Z/);
});

t.test('eopool revisit prints the table of the pool, each member and the gain, with a progress line', async (t) => {
  const run = await eopool('revisit', '--territory', 'TJ', '--satellites', '40697,42063', '--start', '2024-10-05', '--days', '3', '--grid-km', '20');
  t.equal(run.code, 0, run.stderr);
  t.match(run.stderr, /revisit TJ: done in \d+\.\d s/);
  t.match(run.stdout, /^TJ Tajikistan: 2024-10-05T00:00:00\.000Z \.\. 2024-10-08T00:00:00\.000Z \(3 days\), nadir/);
  t.match(run.stdout, /\| pool +\| +2 \|/);
  t.match(run.stdout, /\| EU +\| +2 \|.*x1\.00 \|/);
});
