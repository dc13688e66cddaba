import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { createHarvestRunner, type HarvestRunner, type HarvestRunnerOptions } from '../../../src/ingest/harvest/index.js';
import { createOutboundClient } from '../../../src/net/index.js';
import { readCollection, readItems } from '../../helpers/stac-fixtures.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

interface Teardown {
  teardown(fn: () => unknown): void;
}

export const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A second eopool, listening on loopback: the member's STAC API that the tests harvest. */
export interface RemoteEopool {
  url: string;
  remote: TestApp;
  /** Store a fixtures/stac collection under `id` with its items (moved into it), through the HTTP API. */
  seed(folder: string, id: string, items?: Record<string, unknown>[]): Promise<number>;
  /** Upsert more items into a seeded collection. */
  add(id: string, items: Record<string, unknown>[]): Promise<void>;
}

export async function startRemoteEopool(t: Teardown): Promise<RemoteEopool> {
  const remote = await createTestApp(t);
  await remote.app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(remote.app.server.address() as AddressInfo).port}`;
  const add = async (id: string, items: Record<string, unknown>[]) => {
    const response = await remote.app.inject({
      method: 'POST',
      url: `/collections/${id}/items`,
      headers: { ...remote.admin, 'content-type': 'application/x-ndjson' },
      payload: Readable.from([items.map((i) => JSON.stringify({ ...i, collection: id })).join('\n')]),
    });
    const report = response.json();
    if (response.statusCode !== 200 || report.rejected.length > 0) throw new Error(`seeding ${id} failed: ${response.body}`);
  };
  return {
    url,
    remote,
    async seed(folder, id, items = readItems(folder)) {
      const collection = { ...readCollection(folder), id, 'eopool:member': 'CN' };
      const created = await remote.app.inject({ method: 'POST', url: '/collections', headers: remote.admin, payload: collection });
      if (created.statusCode !== 201) throw new Error(`creating ${id} failed: ${created.body}`);
      await add(id, items);
      return items.length;
    },
    add,
  };
}

/** What a tampering proxy may do to one exchange. */
export interface ProxyHooks {
  /** Answer instead of the remote: a status and headers (e.g. 503, or 429 with Retry-After). */
  fail?: (request: { method: string; path: string }) => { status: number; headers?: Record<string, string> } | null;
  /** Wait this many milliseconds before answering (a slow remote). */
  delayMs?: (request: { method: string; path: string }) => number;
  /** Change a JSON answer of the remote before it is passed on. */
  rewrite?: (path: string, json: any) => any;
}

/**
 * An HTTP proxy on loopback in front of `target` that can fail, delay or rewrite answers. The
 * remote's links point back at the proxy (it is told the proxy's host by X-Forwarded-Host).
 */
export async function startProxy(t: Teardown, target: string, hooks: ProxyHooks): Promise<{ url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    // A client that gives up (a timeout, a run stopping) drops the exchange: not a test failure.
    forward(request, response).catch(() => response.destroy());
  });
  const forward = async (request: http.IncomingMessage, response: http.ServerResponse) => {
    const path = request.url ?? '/';
    requests.push(`${request.method} ${path}`);
    const delay = hooks.delayMs?.({ method: request.method ?? 'GET', path }) ?? 0;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const failure = hooks.fail?.({ method: request.method ?? 'GET', path });
    if (failure) {
      response.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
      response.end(JSON.stringify({ code: 'Unavailable', description: 'the proxy says no' }));
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const forwarded = await fetch(new URL(path, target), {
      method: request.method,
      // fetch() sends its own Host; the remote builds its links from X-Forwarded-Host.
      headers: { ...(request.headers as Record<string, string>), 'x-forwarded-host': request.headers.host ?? '' },
      body: chunks.length === 0 ? undefined : Buffer.concat(chunks),
    });
    let body = Buffer.from(await forwarded.arrayBuffer());
    const type = forwarded.headers.get('content-type') ?? '';
    if (hooks.rewrite !== undefined && /json/.test(type)) body = Buffer.from(JSON.stringify(hooks.rewrite(path, JSON.parse(body.toString('utf8')))));
    response.writeHead(forwarded.status, { 'content-type': type, date: forwarded.headers.get('date') ?? new Date().toUTCString() });
    response.end(body);
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

/** Hide item search from a remote's conformance classes (so it is walked collection by collection). */
export function withoutItemSearch(json: any): any {
  if (Array.isArray(json?.conformsTo)) return { ...json, conformsTo: json.conformsTo.filter((c: string) => !c.includes('item-search')) };
  return json;
}

/** Hide filter and sort from a remote's conformance classes (so /search is walked whole). */
export function withoutFilterAndSort(json: any): any {
  if (Array.isArray(json?.conformsTo)) return { ...json, conformsTo: json.conformsTo.filter((c: string) => !/#filter|#sort|cql2/.test(c)) };
  return json;
}

/** A runner over the local app's database, with quick retries unless told otherwise. */
export function runnerFor(t: Teardown, local: TestApp, options: Partial<HarvestRunnerOptions> = {}): HarvestRunner {
  const outbound = createOutboundClient({ allowedHosts: ['127.0.0.1'] });
  t.teardown(() => outbound.close());
  return createHarvestRunner({
    db: local.services.db,
    stac: local.services.stac,
    outbound,
    logger: quiet,
    retry: { giveUpAfterMs: 20_000, baseDelayMs: 50, maxDelayMs: 400 },
    ...options,
  });
}

/** Ids of the items stored in a local collection. */
export async function storedIds(local: TestApp, collection: string): Promise<string[]> {
  const rows = await local.services.db.selectFrom('items').select('id').where('collection', '=', collection).orderBy('id').execute();
  return rows.map((r) => r.id);
}
