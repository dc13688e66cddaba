import type { SearchPage } from '../catalog/index.js';
import { GEOJSON, type Link, urlWithQuery } from './links.js';

/** How a page was asked for: the URL, and its query parameters (GET) or body (POST). */
export type PageRequest = { method: 'GET'; url: string; query: Record<string, string> } | { method: 'POST'; url: string; body: Record<string, unknown> };

/**
 * The `self`, `next` and `prev` links of a search page. GET links repeat every parameter as sent
 * (with the effective limit) plus `token`; POST links carry the original body plus `token`, with
 * `merge: false`, as STAC API item search describes.
 */
export function pageLinks(page: SearchPage, asked: PageRequest): Link[] {
  const links: Link[] = [];
  if (asked.method === 'GET') {
    links.push({ rel: 'self', href: urlWithQuery(asked.url, asked.query), type: GEOJSON });
    for (const [rel, token] of [['next', page.next], ['prev', page.prev]] as const) {
      if (token !== null) links.push({ rel, href: urlWithQuery(asked.url, { ...asked.query, token }), type: GEOJSON, method: 'GET' });
    }
    return links;
  }
  links.push({ rel: 'self', href: asked.url, type: GEOJSON, method: 'POST', body: asked.body });
  for (const [rel, token] of [['next', page.next], ['prev', page.prev]] as const) {
    if (token !== null) links.push({ rel, href: asked.url, type: GEOJSON, method: 'POST', body: { ...asked.body, token }, merge: false });
  }
  return links;
}
