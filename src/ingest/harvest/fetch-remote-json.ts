import { type OutboundClient, OutboundError, type OutboundRequest } from '../../net/index.js';
import type { HarvestRequest } from './harvest-position.js';

/** A remote JSON answer and the remote's clock when it answered. */
export interface RemoteJson {
  json: unknown;
  /** The answer's Date header (1 s resolution), or null when it has none. */
  date: Date | null;
}

/** Options passed to every outbound request of a run (retry policy, timeouts, abort signal, retry log). */
export type RemoteRequestOptions = Pick<OutboundRequest, 'retry' | 'timeoutMs' | 'signal' | 'onRetry' | 'maxBytes'>;

/**
 * GET or POST one JSON document of a remote STAC API, with the outbound client's retries. An answer
 * that is still an error after them (or a 4xx) is thrown with the remote's own description.
 *
 * @throws OutboundError `RemoteUnavailable`, `RemoteError` (a 4xx), `RemoteInvalidJson`, `OutboundNotAllowed`
 */
export async function fetchRemoteJson(outbound: OutboundClient, request: HarvestRequest, options: RemoteRequestOptions): Promise<RemoteJson> {
  const response = await outbound.request(request.href, {
    ...options,
    method: request.method,
    headers: {
      accept: 'application/geo+json, application/json;q=0.9',
      ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
  });
  if (response.status >= 400) {
    const text = response.body.toString('utf8').slice(0, 300);
    throw new OutboundError('RemoteError', `${request.method} ${request.href} answered ${response.status}: ${text}`);
  }
  const dateHeader = response.headers.date;
  const date = dateHeader === undefined ? null : new Date(dateHeader);
  return { json: response.json(), date: date === null || Number.isNaN(date.getTime()) ? null : date };
}
