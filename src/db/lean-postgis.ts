import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Extension } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import * as tar from 'tar';

const PACKAGED_BUNDLE = fileURLToPath(new URL('./postgis.tar.gz', import.meta.resolve('@electric-sql/pglite-postgis')));

/**
 * What eopool uses of the packaged PostGIS bundle: the postgis library, its extension scripts (all
 * versions, for ALTER EXTENSION … UPDATE) and PROJ's data (ST_Transform). PGlite compiles every
 * library in a bundle each time it opens; leaving out postgis_raster and postgis_topology (31 of
 * the 48 MB of WebAssembly) makes opening about 1.2 s faster, with 2 s less CPU and 270 MB less
 * memory. Folders are not listed: extracting a file makes its folders.
 */
function isUsed(entryPath: string): boolean {
  return (
    entryPath === 'lib/postgresql/postgis-3.so' ||
    entryPath === 'share/postgresql/extension/postgis.control' ||
    /^share\/postgresql\/extension\/postgis--[^/]*\.sql$/.test(entryPath) ||
    entryPath.startsWith('share/proj/')
  );
}

/**
 * The lean bundle for the installed pglite-postgis, made once from the packaged one and kept in
 * node_modules/.cache (or the temp folder when that is read-only). Named after the packaged file's
 * size and time, so that an upgrade makes a new one; written under a temporary name and renamed, so
 * that processes starting together never read a half-written file.
 */
export async function leanPostgisBundle(): Promise<string> {
  const packaged = fs.statSync(PACKAGED_BUNDLE);
  const name = `postgis-lean-${packaged.size}-${Math.trunc(packaged.mtimeMs)}.tar.gz`;
  const marker = `${path.sep}node_modules${path.sep}`;
  const nodeModules = PACKAGED_BUNDLE.lastIndexOf(marker);
  const candidates = [
    ...(nodeModules < 0 ? [] : [path.join(PACKAGED_BUNDLE.slice(0, nodeModules + marker.length), '.cache', 'eopool')]),
    path.join(os.tmpdir(), 'eopool-cache'),
  ];
  for (const dir of candidates) {
    const bundle = path.join(dir, name);
    if (fs.existsSync(bundle)) return bundle;
  }
  let lastError: unknown;
  for (const dir of candidates) {
    try {
      return await writeLeanBundle(path.join(dir, name));
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(`cannot write the lean PostGIS bundle: ${String(lastError)}`, { cause: lastError });
}

async function writeLeanBundle(bundle: string): Promise<string> {
  const dir = path.dirname(bundle);
  fs.mkdirSync(dir, { recursive: true });
  const unique = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staging = path.join(dir, `staging-${unique}`);
  const written = `${bundle}.${unique}`;
  try {
    fs.mkdirSync(staging);
    await tar.x({ file: PACKAGED_BUNDLE, cwd: staging, filter: isUsed });
    await tar.c({ gzip: { level: 1 }, portable: true, file: written, cwd: staging }, ['lib', 'share']);
    fs.renameSync(written, bundle);
    return bundle;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    fs.rmSync(written, { force: true });
  }
}

/** pglite-postgis's extension, reading the lean bundle instead of the packaged one. */
export const leanPostgis: Extension = {
  name: 'postgis',
  async setup(pg, emscriptenOpts) {
    const packaged = await postgis.setup(pg, emscriptenOpts);
    return { ...packaged, bundlePath: pathToFileURL(await leanPostgisBundle()) };
  },
};
