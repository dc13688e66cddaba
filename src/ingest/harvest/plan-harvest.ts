import { type OutboundClient, OutboundError } from '../../net/index.js';
import { fetchRemoteJson, type RemoteRequestOptions } from './fetch-remote-json.js';
import type { HarvestPosition, HarvestRequest } from './harvest-position.js';
import type { HarvestSource } from './harvest-source-repository.js';

/** The queryable an incremental harvest filters and sorts on: when the remote eopool stored the item. */
const INGESTED = 'eopool:ingested';

/** What a remote STAC API offers a harvester, read from its landing page, conformance and queryables. */
export interface RemoteCapabilities {
  /** Item search (`/search`), its URL and whether it takes POST; null when the remote has none. */
  search: { href: string; post: boolean } | null;
  /** CQL2 JSON filters on item search. */
  filter: boolean;
  /** sortby on item search. */
  sort: boolean;
  /** `eopool:ingested` is a queryable. */
  ingested: boolean;
  /** The remote's clock when it answered the landing page (the local clock when it sends no Date). */
  now: Date;
}

const ITEM_SEARCH = /\/item-search$/;
const ITEM_SEARCH_FILTER = /\/item-search#filter$/;
const CQL2_JSON = /\/cql2\/1\.0\/conf\/cql2-json$/;
const ITEM_SEARCH_SORT = /\/item-search#sort$/;
const QUERYABLES_REL = 'http://www.opengis.net/def/rel/ogc/1.0/queryables';

interface Link {
  rel?: unknown;
  href?: unknown;
  method?: unknown;
  body?: unknown;
  merge?: unknown;
}

/** Read what the remote at `root` supports: landing page, conformance classes and, for filter and sort, its queryables. */
export async function discoverRemote(outbound: OutboundClient, root: string, options: RemoteRequestOptions): Promise<RemoteCapabilities> {
  const landing = await fetchRemoteJson(outbound, { href: root, method: 'GET' }, options);
  const document = asObject(landing.json, root);
  const links = Array.isArray(document.links) ? (document.links as Link[]) : [];
  let conformance = stringsOf(document.conformsTo);
  if (conformance === null) {
    const conformanceHref = linkHref(links, 'conformance', root) ?? resolve(root, 'conformance');
    conformance = stringsOf(asObject((await fetchRemoteJson(outbound, { href: conformanceHref, method: 'GET' }, options)).json, conformanceHref).conformsTo) ?? [];
  }
  const has = (pattern: RegExp) => conformance.some((c) => pattern.test(c));
  const searchLinks = links.filter((l) => l.rel === 'search' && typeof l.href === 'string');
  const search = has(ITEM_SEARCH)
    ? {
        href: resolve(root, String(searchLinks[0]?.href ?? 'search')),
        post: searchLinks.some((l) => String(l.method).toUpperCase() === 'POST'),
      }
    : null;
  const filter = search !== null && has(ITEM_SEARCH_FILTER) && has(CQL2_JSON);
  const sort = search !== null && has(ITEM_SEARCH_SORT);
  let ingested = false;
  if (filter && sort) {
    const href = linkHref(links, QUERYABLES_REL, root) ?? resolve(root, 'queryables');
    try {
      const queryables = asObject((await fetchRemoteJson(outbound, { href, method: 'GET' }, options)).json, href);
      ingested = typeof queryables.properties === 'object' && queryables.properties !== null && INGESTED in queryables.properties;
    } catch (error) {
      // A remote without /queryables simply cannot be harvested incrementally.
      if (!(error instanceof OutboundError) || error.code !== 'RemoteError') throw error;
    }
  }
  return { search, filter, sort, ingested, now: landing.date ?? new Date() };
}

/**
 * The first page of a fresh walk of `source`, and the mode it walks in: incremental when the remote
 * can filter and sort on `eopool:ingested` (items ingested since the cursor minus the overlap,
 * ascending by ingestion time, then collection and id, so that items stored at the remote while
 * the walk goes on land after its position rather than behind it); else its whole /search; else
 * each collection's /items. A source filter on a remote that cannot filter is refused.
 *
 * @throws OutboundError `RemoteCannotFilter`
 */
export function firstPosition(source: HarvestSource, remote: RemoteCapabilities, pageSize: number): HarvestPosition {
  const remoteIds = Object.keys(source.collections);
  const remoteStart = remote.now.toISOString();
  if (source.filter !== null && !remote.filter) {
    throw new OutboundError('RemoteCannotFilter', `${source.url} does not support CQL2 JSON filters on item search, so the source's filter cannot be applied`);
  }
  if (remote.search === null) {
    const [first, ...remaining] = remoteIds;
    return { mode: 'features', remoteStart, request: collectionItemsRequest(source.url, first!, pageSize), collection: first!, remaining };
  }
  const incremental = remote.filter && remote.sort && remote.ingested;
  const conditions: unknown[] = source.filter === null ? [] : [source.filter];
  if (incremental && source.cursor !== null) {
    const since = new Date(Date.parse(source.cursor) - source.overlapSeconds * 1000).toISOString();
    conditions.push({ op: '>=', args: [{ property: INGESTED }, { timestamp: since }] });
  }
  const filter = conditions.length === 0 ? undefined : conditions.length === 1 ? conditions[0] : { op: 'and', args: conditions };
  const sortby = incremental
    ? [
        { field: INGESTED, direction: 'asc' },
        { field: 'collection', direction: 'asc' },
        { field: 'id', direction: 'asc' },
      ]
    : undefined;
  const body: Record<string, unknown> = {
    collections: remoteIds,
    limit: pageSize,
    ...(filter === undefined ? {} : { filter, 'filter-lang': 'cql2-json' }),
    ...(sortby === undefined ? {} : { sortby }),
  };
  const request: HarvestRequest = remote.search.post
    ? { href: remote.search.href, method: 'POST', body }
    : { href: withQuery(remote.search.href, getParameters(body)), method: 'GET' };
  return { mode: incremental ? 'incremental' : 'search', remoteStart, request, collection: null, remaining: [] };
}

/**
 * The position after a page: its `next` link (GET, or POST with a body, merged into the current one
 * when `merge` is true), else in features mode the next collection, else null (the walk is done).
 *
 * @throws OutboundError `RemoteInvalidAnswer` for a next link that points back at the same page
 */
export function nextPosition(position: HarvestPosition, page: Record<string, unknown>, root: string, pageSize: number): HarvestPosition | null {
  const links = Array.isArray(page.links) ? (page.links as Link[]) : [];
  const next = links.find((l) => l.rel === 'next' && typeof l.href === 'string');
  const features = Array.isArray(page.features) ? page.features : [];
  if (next !== undefined && features.length > 0) {
    const href = new URL(String(next.href), position.request.href).href;
    const method = String(next.method ?? 'GET').toUpperCase() === 'POST' ? 'POST' : 'GET';
    const given = typeof next.body === 'object' && next.body !== null ? (next.body as Record<string, unknown>) : undefined;
    const request: HarvestRequest =
      method === 'GET' ? { href, method } : { href, method, body: next.merge === true ? { ...position.request.body, ...given } : (given ?? position.request.body) };
    if (JSON.stringify(request) === JSON.stringify(position.request)) {
      throw new OutboundError('RemoteInvalidAnswer', `the next link of ${position.request.href} points at the same page`);
    }
    return { ...position, request };
  }
  const [following, ...remaining] = position.remaining;
  if (position.mode === 'features' && following !== undefined) {
    return { ...position, request: collectionItemsRequest(root, following, pageSize), collection: following, remaining };
  }
  return null;
}

/** The local collections to create: the remote's collection document, fetched for each missing one. */
export async function fetchRemoteCollection(outbound: OutboundClient, root: string, remoteId: string, options: RemoteRequestOptions): Promise<Record<string, unknown>> {
  const href = resolve(root, `collections/${encodeURIComponent(remoteId)}`);
  return asObject((await fetchRemoteJson(outbound, { href, method: 'GET' }, options)).json, href);
}

function collectionItemsRequest(root: string, remoteId: string, pageSize: number): HarvestRequest {
  return { href: withQuery(resolve(root, `collections/${encodeURIComponent(remoteId)}/items`), { limit: String(pageSize) }), method: 'GET' };
}

/** A search body in its GET form (STAC API item search query parameters). */
function getParameters(body: Record<string, unknown>): Record<string, string> {
  const params: Record<string, string> = { collections: (body.collections as string[]).join(','), limit: String(body.limit) };
  if (body.filter !== undefined) {
    params.filter = JSON.stringify(body.filter);
    params['filter-lang'] = 'cql2-json';
  }
  if (Array.isArray(body.sortby)) {
    params.sortby = (body.sortby as { field: string; direction: string }[]).map((s) => `${s.direction === 'desc' ? '-' : '+'}${s.field}`).join(',');
  }
  return params;
}

export function asObject(json: unknown, href: string): Record<string, unknown> {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new OutboundError('RemoteInvalidAnswer', `${href} did not answer a JSON object`);
  }
  return json as Record<string, unknown>;
}

function stringsOf(value: unknown): string[] | null {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null;
}

function linkHref(links: Link[], rel: string, base: string): string | null {
  const link = links.find((l) => l.rel === rel && typeof l.href === 'string');
  return link === undefined ? null : resolve(base, String(link.href));
}

/** `path` relative to a root URL (treated as a folder) or an absolute URL as it is. */
function resolve(root: string, path: string): string {
  return new URL(path, root.endsWith('/') ? root : `${root}/`).href;
}

function withQuery(href: string, params: Record<string, string>): string {
  const url = new URL(href);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.href;
}
