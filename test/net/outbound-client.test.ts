import http from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { createOutboundClient, retryAfterMs, type RetryEvent } from '../../src/net/index.js';

type Handler = (request: http.IncomingMessage, body: string, response: http.ServerResponse) => void;

/** A loopback server whose answer to the n-th request (from 0) is `handlers[min(n, last)]`. */
async function serve(...handlers: Handler[]) {
  let count = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => handlers[Math.min(count++, handlers.length - 1)]!(request, Buffer.concat(chunks).toString(), response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    server.closeAllConnections();
    server.close();
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => count };
}

const json = (status: number, headers: Record<string, string> = {}) => (_q: http.IncomingMessage, _b: string, r: http.ServerResponse) => {
  r.writeHead(status, { 'content-type': 'application/json', ...headers });
  r.end(JSON.stringify({ status }));
};
const quick = { giveUpAfterMs: 5000, baseDelayMs: 20, maxDelayMs: 100 };
const client = createOutboundClient({ allowedHosts: ['127.0.0.1'] });
t.teardown(() => client.close());

t.test('transient 5xx are retried with backoff until an answer comes', async (t) => {
  const server = await serve(json(503), json(502), json(200));
  const retries: RetryEvent[] = [];
  const response = await client.request(server.url, { retry: quick, onRetry: (e) => retries.push(e) });
  t.equal(response.status, 200);
  t.same(response.json(), { status: 200 });
  t.same(retries.map((r) => r.reason), ['answered 503', 'answered 502']);
  t.ok(retries.every((r) => r.delayMs >= 10 && r.delayMs <= 100));
});

t.test('429 waits for its Retry-After; a wait beyond the budget gives up at once', async (t) => {
  const server = await serve(json(429, { 'retry-after': '1' }), json(200));
  const started = Date.now();
  t.equal((await client.request(server.url, { retry: quick })).status, 200);
  t.ok(Date.now() - started >= 1000, 'waited a second');
  const patient = await serve(json(429, { 'retry-after': '3600' }));
  await t.rejects(client.request(patient.url, { retry: quick }), { code: 'RemoteUnavailable', message: /next try in 3600 s would pass the 5 s budget.*answered 429/ });
  t.equal(patient.requests(), 1);
});

t.test('without a retry policy, or for a 4xx, the answer comes back as it is', async (t) => {
  const failing = await serve(json(503));
  t.equal((await client.request(failing.url, { retry: null })).status, 503);
  const missing = await serve(json(404));
  t.equal((await client.request(missing.url, { retry: quick })).status, 404);
  t.equal(missing.requests(), 1, 'not retried');
});

t.test('a remote that keeps failing is given up after the budget', async (t) => {
  const server = await serve(json(500));
  await t.rejects(client.request(server.url, { retry: { giveUpAfterMs: 300, baseDelayMs: 50, maxDelayMs: 100 } }), {
    code: 'RemoteUnavailable',
    message: /gave up after \d+ attempts.*last: answered 500/,
  });
  t.ok(server.requests() >= 2);
});

t.test('an attempt that times out is retried', async (t) => {
  const server = await serve((_q, _b, r) => setTimeout(() => json(200)(_q, _b, r), 1000), json(200));
  const retries: RetryEvent[] = [];
  const response = await client.request(server.url, { retry: quick, timeoutMs: 200, onRetry: (e) => retries.push(e) });
  t.equal(response.status, 200);
  t.match(retries[0]?.reason, /did not answer within 0.2 s/);
});

t.test('redirects are followed, each hop checked against the rule', async (t) => {
  const target = await serve((q, body, r) => {
    r.writeHead(200, { 'content-type': 'application/json' });
    r.end(JSON.stringify({ method: q.method, body }));
  });
  const seeOther = await serve((_q, _b, r) => r.writeHead(303, { location: `${target.url}/done` }).end());
  t.same((await client.request(seeOther.url, { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } })).json(), { method: 'GET', body: '' });
  const temporary = await serve((_q, _b, r) => r.writeHead(307, { location: `${target.url}/again` }).end());
  t.same((await client.request(temporary.url, { method: 'POST', body: '{"a":1}' })).json(), { method: 'POST', body: '{"a":1}' });
  const inward = await serve((_q, _b, r) => r.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end());
  await t.rejects(client.request(inward.url), { code: 'OutboundNotAllowed', message: /169\.254\.169\.254/ });
  const loop = await serve((q, _b, r) => r.writeHead(302, { location: q.url === '/' ? '/a' : '/' }).end());
  await t.rejects(client.request(loop.url, { maxRedirects: 3 }), { code: 'RemoteRedirectLoop' });
});

t.test('a host name resolving to a non-public address is refused at connection time unless listed', async (t) => {
  const server = await serve(json(200));
  const port = new URL(server.url).port;
  await t.rejects(client.request(`http://localhost:${port}/`, { retry: quick }), { code: 'OutboundNotAllowed', message: /localhost resolves to/ });
  const listed = createOutboundClient({ allowedHosts: ['localhost'] });
  t.teardown(() => listed.close());
  t.equal((await listed.request(`http://localhost:${port}/`)).status, 200);
});

t.test('an answer larger than allowed is cut off', async (t) => {
  const server = await serve((_q, _b, r) => r.end('x'.repeat(5000)));
  await t.rejects(client.request(server.url, { maxBytes: 1000, retry: null }), { code: 'RemoteTooLarge' });
});

t.test('an abort stops a request waiting for its retry', async (t) => {
  const server = await serve(json(503));
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  await t.rejects(client.request(server.url, { retry: { giveUpAfterMs: 60_000, baseDelayMs: 10_000, maxDelayMs: 10_000 }, signal: controller.signal }), {
    name: 'AbortError',
  });
});

t.test('Retry-After in seconds or as an HTTP date', async (t) => {
  t.equal(retryAfterMs('2', 0), 2000);
  t.equal(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('2015-10-21T07:27:00Z')), 60_000);
  t.equal(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('2016-01-01T00:00:00Z')), 0);
  t.equal(retryAfterMs(undefined, 0), null);
  t.equal(retryAfterMs('soon', 0), null);
});
