import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { EopoolError } from '../errors.js';
import { checkOutboundUrl } from './assert-outbound-allowed.js';
import { guardedLookup } from './guarded-lookup.js';
import { OutboundError } from './outbound-error.js';
import { retryAfterMs } from './retry-after-ms.js';

/** How a request is retried: exponential backoff with jitter, Retry-After on 429 and 503, within a time budget. */
export interface RetryPolicy {
  /** No retry starts (and no Retry-After is waited for) beyond this long after the first attempt. */
  giveUpAfterMs: number;
  /** The first backoff; each further one doubles, up to `maxDelayMs`, then takes a random 50–100 % of it. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** One retry about to happen, for progress logs. */
export interface RetryEvent {
  url: string;
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface OutboundRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Per attempt, from connecting to the last byte of the body. Default 30 s. */
  timeoutMs?: number;
  /** A longer body is refused (`RemoteTooLarge`) without reading on. Default 64 MiB. */
  maxBytes?: number;
  /** Null: one attempt, and any status is answered. Default: `DEFAULT_RETRY`. */
  retry?: RetryPolicy | null;
  /** Redirects followed, each hop checked against the policy. Default 5. */
  maxRedirects?: number;
  signal?: AbortSignal;
  onRetry?: (event: RetryEvent) => void;
}

export interface OutboundResponse {
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The body parsed as JSON; throws OutboundError `RemoteInvalidJson`. */
  json(): unknown;
}

/** Outbound HTTP under eopool's rule: public hosts only unless listed, every hop and connection checked. */
export interface OutboundClient {
  request(url: string, options?: OutboundRequest): Promise<OutboundResponse>;
  /** Close the kept-alive connections. */
  close(): void;
}

export const DEFAULT_RETRY: RetryPolicy = { giveUpAfterMs: 5 * 60_000, baseDelayMs: 500, maxDelayMs: 30_000 };
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** 5xx that a later attempt may cure; 501 and 505 will answer the same again. */
const RETRIED_STATUSES = new Set([408, 429, 500, 502, 503, 504, 507, 509, 520, 521, 522, 523, 524]);
/** Connection-level failures worth another attempt. */
const RETRIED_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'RemoteTimeout']);

/**
 * A client for every outbound request eopool makes (harvests, GeoTIFF reads, webhooks): http and
 * https only; hosts that resolve to non-public addresses refused unless listed in `allowedHosts`
 * (checked on each redirect hop and on the address each connection really uses); per-attempt
 * timeouts; retries of timeouts, dropped connections, 408, 429 and transient 5xx with exponential
 * backoff, honouring Retry-After, until the policy's time budget is spent; bodies capped in size.
 * Connections are kept alive between requests.
 */
export function createOutboundClient(options: { allowedHosts: readonly string[]; userAgent?: string }): OutboundClient {
  const lookup = guardedLookup(options.allowedHosts);
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 8, lookup }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 8, lookup }),
  };
  const userAgent = options.userAgent ?? 'eopool';

  async function attempt(url: URL, request: OutboundRequest): Promise<OutboundResponse> {
    const maxBytes = request.maxBytes ?? DEFAULT_MAX_BYTES;
    const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const body = request.body === undefined ? undefined : Buffer.from(request.body);
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise<OutboundResponse>((resolve, reject) => {
      const outgoing = transport.request(url, {
        method: request.method ?? 'GET',
        agent: agents[url.protocol as 'http:' | 'https:'],
        lookup,
        headers: {
          'user-agent': userAgent,
          ...request.headers,
          ...(body === undefined ? {} : { 'content-length': String(body.length) }),
        },
        signal: request.signal,
      });
      const timer = setTimeout(() => {
        outgoing.destroy(new OutboundError('RemoteTimeout', `${url.href} did not answer within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      outgoing.once('close', () => clearTimeout(timer));
      outgoing.once('error', reject);
      outgoing.once('response', (incoming) => {
        const declared = Number(incoming.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
          outgoing.destroy(tooLarge(url, maxBytes));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        incoming.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) outgoing.destroy(tooLarge(url, maxBytes));
          else chunks.push(chunk);
        });
        incoming.once('error', reject);
        incoming.once('end', () => {
          const data = Buffer.concat(chunks);
          resolve({
            url: url.href,
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            body: data,
            json() {
              try {
                return JSON.parse(data.toString('utf8')) as unknown;
              } catch (error) {
                throw new OutboundError('RemoteInvalidJson', `${url.href} answered ${incoming.statusCode} with a body that is not JSON: ${(error as Error).message}`);
              }
            },
          });
        });
      });
      outgoing.end(body);
    });
  }

  /** One attempt, following redirects; each hop is checked before it is requested. */
  async function follow(start: string, request: OutboundRequest): Promise<OutboundResponse> {
    let url = checkOutboundUrl(start, options.allowedHosts).url;
    let current = request;
    for (let hop = 0; ; hop++) {
      const response = await attempt(url, current);
      const location = response.headers.location;
      if (!REDIRECTS.has(response.status) || location === undefined) return response;
      if (hop >= (request.maxRedirects ?? 5)) {
        throw new OutboundError('RemoteRedirectLoop', `${start} redirected more than ${request.maxRedirects ?? 5} times`);
      }
      url = checkOutboundUrl(new URL(location, url), options.allowedHosts).url;
      // As browsers do: 303, and 301/302 after a POST, continue as a GET without the body.
      const method = current.method ?? 'GET';
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        const { body: _body, ...rest } = current;
        current = { ...rest, method: 'GET', headers: withoutContentHeaders(rest.headers) };
      }
    }
  }

  return {
    async request(url, request = {}) {
      const retry = request.retry === undefined ? DEFAULT_RETRY : request.retry;
      const started = Date.now();
      for (let attempts = 1; ; attempts++) {
        let reason: string;
        let delayMs = retry === null ? 0 : backoffMs(retry, attempts);
        try {
          const response = await follow(url, request);
          if (!RETRIED_STATUSES.has(response.status) || retry === null) return response;
          reason = `answered ${response.status}`;
          const after = retryAfterMs(response.headers['retry-after'], Date.now());
          if (after !== null && (response.status === 429 || response.status === 503)) delayMs = after;
        } catch (error) {
          if (retry === null || !isRetried(error) || request.signal?.aborted === true) throw asOutboundError(error, url);
          reason = (error as Error).message;
        }
        const elapsed = Date.now() - started;
        if (elapsed + delayMs > retry.giveUpAfterMs) {
          throw new OutboundError(
            'RemoteUnavailable',
            `${request.method ?? 'GET'} ${url}: gave up after ${attempts} attempt${attempts === 1 ? '' : 's'} in ${Math.round(elapsed / 1000)} s` +
              ` (next try in ${Math.round(delayMs / 1000)} s would pass the ${Math.round(retry.giveUpAfterMs / 1000)} s budget); last: ${reason}`,
          );
        }
        request.onRetry?.({ url, attempt: attempts, delayMs, reason });
        await sleep(delayMs, undefined, { signal: request.signal });
      }
    },
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}

function backoffMs(retry: RetryPolicy, attempt: number): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling * (0.5 + Math.random() * 0.5));
}

function isRetried(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && RETRIED_CODES.has(code);
}

function asOutboundError(error: unknown, url: string): Error {
  if (error instanceof EopoolError || (error as Error).name === 'AbortError') return error as Error;
  const code = (error as { code?: unknown }).code;
  if (code === 'EOUTBOUNDREFUSED') return new OutboundError('OutboundNotAllowed', (error as Error).message);
  return new OutboundError('RemoteUnavailable', `${url}: ${(error as Error).message}`);
}

function tooLarge(url: URL, maxBytes: number): OutboundError {
  return new OutboundError('RemoteTooLarge', `${url.href} answered more than ${maxBytes} bytes`);
}

function withoutContentHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => !/^content-/i.test(name)));
}
