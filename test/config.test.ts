import path from 'node:path';
import t from 'tap';
import { loadConfig } from '../src/config.js';

t.test('defaults: embedded database in ./data, loopback on 8080, demo on, public reads', async (t) => {
  const config = loadConfig({});
  t.equal(config.databaseUrl, null);
  t.equal(config.dataDir, path.resolve('data'));
  t.equal(config.host, '127.0.0.1');
  t.equal(config.port, 8080);
  t.equal(config.demo, true);
  t.equal(config.read, 'public');
  t.equal(config.limits.searchLimitMax, 10_000);
  t.equal(config.limits.jsonBodyBytes, 10 * 1024 * 1024);
  t.equal(config.limits.ndjsonLineBytes, 1024 * 1024);
  t.equal(config.limits.geometryVertices, 10_000);
});

t.test('with DATABASE_URL the demo is off unless forced', async (t) => {
  t.equal(loadConfig({ DATABASE_URL: 'postgres://x/y' }).demo, false);
  t.equal(loadConfig({ DATABASE_URL: 'postgres://x/y', EOPOOL_DEMO: '1' }).demo, true);
  t.equal(loadConfig({ EOPOOL_DEMO: '0' }).demo, false);
});

t.test('malformed values name the variable', async (t) => {
  t.throws(() => loadConfig({ PORT: 'eighty' }), /PORT must be an integer/);
  t.throws(() => loadConfig({ EOPOOL_READ: 'everyone' }), /EOPOOL_READ must be one of public, keys/);
  t.throws(() => loadConfig({ EOPOOL_DEMO: 'maybe' }), /EOPOOL_DEMO must be 0 or 1/);
});

t.test('lists and URLs are cleaned', async (t) => {
  const config = loadConfig({ EOPOOL_ALLOWED_HOSTS: ' 127.0.0.1, Example.org ,', EOPOOL_PUBLIC_URL: 'https://eo.example/' });
  t.same(config.allowedHosts, ['127.0.0.1', 'example.org']);
  t.equal(config.publicUrl, 'https://eo.example');
});
