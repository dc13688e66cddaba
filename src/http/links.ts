import type { FastifyRequest } from 'fastify';
import { ownLinks } from '../stac/structural-links.js';

export interface Link {
  rel: string;
  href: string;
  type?: string;
  title?: string;
  method?: string;
  body?: unknown;
  merge?: boolean;
}

export const GEOJSON = 'application/geo+json';
export const JSON_TYPE = 'application/json';

/**
 * The absolute base URL of this service as the client sees it: EOPOOL_PUBLIC_URL when set, else
 * the request's host and scheme, preferring X-Forwarded-Proto / -Host / -Prefix from a proxy.
 */
export function baseUrl(request: FastifyRequest, publicUrl: string | null): string {
  if (publicUrl !== null) return publicUrl;
  const proto = firstHeader(request, 'x-forwarded-proto') ?? request.protocol;
  const host = firstHeader(request, 'x-forwarded-host') ?? request.headers.host ?? 'localhost';
  const prefix = (firstHeader(request, 'x-forwarded-prefix') ?? '').replace(/\/+$/, '');
  return `${proto}://${host}${prefix}`;
}

function firstHeader(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  const first = (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim();
  return first === '' ? undefined : first;
}

/** Keep a document's own links except the structural ones, then add `links` built for this service. */
export function withLinks<T extends Record<string, unknown>>(document: T, links: Link[]): T {
  return { ...document, links: [...ownLinks(document), ...links] };
}

export function encodeSegment(value: string): string {
  return encodeURIComponent(value);
}

export function itemLinks(base: string, collection: string, id: string): Link[] {
  const collectionUrl = `${base}/collections/${encodeSegment(collection)}`;
  return [
    { rel: 'self', href: `${collectionUrl}/items/${encodeSegment(id)}`, type: GEOJSON },
    { rel: 'parent', href: collectionUrl, type: JSON_TYPE },
    { rel: 'collection', href: collectionUrl, type: JSON_TYPE },
    { rel: 'root', href: `${base}/`, type: JSON_TYPE },
  ];
}

export function collectionLinks(base: string, id: string): Link[] {
  const collectionUrl = `${base}/collections/${encodeSegment(id)}`;
  return [
    { rel: 'self', href: collectionUrl, type: JSON_TYPE },
    { rel: 'parent', href: `${base}/`, type: JSON_TYPE },
    { rel: 'root', href: `${base}/`, type: JSON_TYPE },
    { rel: 'items', href: `${collectionUrl}/items`, type: GEOJSON },
    { rel: 'http://www.opengis.net/def/rel/ogc/1.0/queryables', href: `${collectionUrl}/queryables`, type: 'application/schema+json' },
    { rel: 'aggregate', href: `${collectionUrl}/aggregate`, type: JSON_TYPE, method: 'GET' },
    { rel: 'aggregations', href: `${collectionUrl}/aggregations`, type: JSON_TYPE },
  ];
}

/** An item as answered: its stored document with this service's links. */
export function itemForResponse(base: string, item: Record<string, unknown>): Record<string, unknown> {
  return withLinks(item, itemLinks(base, String(item.collection), String(item.id)));
}

/** A URL with `params` as its query string, skipping undefined values. */
export function urlWithQuery(url: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) query.set(name, value);
  const text = query.toString();
  return text === '' ? url : `${url}?${text}`;
}
