import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { LOCK_FILE_NAME, lockDataDir } from '../../src/db/data-dir-lock.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eopool-lock-'));
t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));

t.test('a second process is refused with a message naming the holder', async (t) => {
  const release = lockDataDir(dir);
  t.teardown(release);
  const script = `import { lockDataDir } from ${JSON.stringify(new URL('../../src/db/data-dir-lock.ts', import.meta.url).href)};
try { lockDataDir(${JSON.stringify(dir)}); console.log('TAKEN'); } catch (e) { console.log(e.message); }`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  t.match(child.stdout, new RegExp(`in use by process ${process.pid} on ${os.hostname()}`));
  t.notMatch(child.stdout, /TAKEN/);
});

t.test('the lock is released on close and can be taken again', async (t) => {
  const release = lockDataDir(dir);
  release();
  t.notOk(fs.existsSync(path.join(dir, LOCK_FILE_NAME)));
  lockDataDir(dir)();
});

t.test('a lock left by a dead process on this host is taken over', async (t) => {
  const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid ?? 999_999;
  fs.writeFileSync(path.join(dir, LOCK_FILE_NAME), JSON.stringify({ pid: dead, host: os.hostname(), since: '2020-01-01T00:00:00Z' }));
  const release = lockDataDir(dir);
  t.equal(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), 'utf8')).pid, process.pid);
  release();
});
