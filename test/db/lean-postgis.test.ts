import fs from 'node:fs';
import t from 'tap';
import * as tar from 'tar';
import { leanPostgisBundle } from '../../src/db/lean-postgis.js';

t.test('the lean PostGIS bundle holds the postgis library, its scripts and PROJ data, not raster or topology', async (t) => {
  const bundle = await leanPostgisBundle();
  const entries: string[] = [];
  await tar.t({ file: bundle, onReadEntry: (entry) => entries.push(entry.path) });
  for (const needed of ['lib/postgresql/postgis-3.so', 'share/postgresql/extension/postgis.control', 'share/proj/proj.db']) {
    t.ok(entries.includes(needed), needed);
  }
  t.ok(entries.some((e) => /^share\/postgresql\/extension\/postgis--[\d.]+\.sql$/.test(e)), 'the install script');
  t.notOk(entries.some((e) => /raster|topology|tiger/.test(e)), 'no raster, topology or geocoder parts');

  const made = fs.statSync(bundle).mtimeMs;
  t.equal(await leanPostgisBundle(), bundle, 'the next open reuses it');
  t.equal(fs.statSync(bundle).mtimeMs, made, 'without writing it again');
});
