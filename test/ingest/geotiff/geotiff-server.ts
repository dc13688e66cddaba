import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

interface Teardown {
  teardown(fn: () => unknown): void;
}

export const GEOTIFF_DIR = new URL('../../../fixtures/geotiff/', import.meta.url);

/** The fixture files and what GDAL says of them (fixtures/geotiff/expected.json). */
export function expectedGeotiffs(): any[] {
  return JSON.parse(fs.readFileSync(new URL('expected.json', GEOTIFF_DIR), 'utf8'));
}

/**
 * A loopback HTTP server for fixtures/geotiff that answers single-range requests with 206 (or, when
 * `ignoreRanges`, the whole file with 200) and counts the body bytes it sends per file.
 */
export async function startGeotiffServer(t: Teardown, options: { ignoreRanges?: boolean } = {}) {
  const sent = new Map<string, number>();
  const server = http.createServer((request, response) => {
    const name = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname.slice(1));
    const file = new URL(name, GEOTIFF_DIR);
    if (name.includes('/') || !fs.existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    const data = fs.readFileSync(file);
    const range = /^bytes=(\d+)-(\d+)$/.exec(request.headers.range ?? '');
    const count = (bytes: Buffer) => sent.set(name, (sent.get(name) ?? 0) + bytes.length);
    if (range === null || options.ignoreRanges === true) {
      count(data);
      response.writeHead(200, { 'content-type': 'image/tiff', 'content-length': data.length }).end(data);
      return;
    }
    const start = Number(range[1]);
    const end = Math.min(Number(range[2]), data.length - 1);
    const slice = data.subarray(start, end + 1);
    count(slice);
    response
      .writeHead(206, { 'content-type': 'image/tiff', 'content-range': `bytes ${start}-${end}/${data.length}`, 'content-length': slice.length })
      .end(slice);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sent };
}
