import type { FastifyInstance } from 'fastify';
import { exampleItem } from './stac-fixtures.js';

/**
 * `count` copies of the spec's example item in `collection`, an hour apart from 2024-01-01, with
 * ids `${collection}-0…` padded to sort in order; those of `sparse` lie 10 degrees west of the rest
 * (near 162.93°E 1.36°N instead of 172.93°E).
 */
export function hourlyItems(collection: string, count: number, sparse: ReadonlySet<number>) {
  const start = Date.parse('2024-01-01T00:00:00Z');
  const width = String(count - 1).length;
  const id = (i: number) => `${collection}-${String(i).padStart(width, '0')}`;
  const datetime = (i: number) => new Date(start + i * 3_600_000).toISOString();
  const features = Array.from({ length: count }, (_, i) => exampleItem(id(i), collection, { datetime: datetime(i), shiftDeg: sparse.has(i) ? -10 : 0 }));
  /** Newest first, as the default order has it (ids differ in datetime, so no tie). */
  const newestFirst = (indexes: readonly number[]) => [...indexes].sort((a, b) => b - a).map(id);
  return { id, datetime, features, newestFirst };
}

export interface SearchPage {
  numberMatched?: number;
  features: { id: string }[];
  links: { rel: string; method?: string; body?: Record<string, unknown> }[];
}

/** Follow POST /search next links from a first body to the end, as pystac-client does. */
export async function postPages(app: FastifyInstance, body: Record<string, unknown>): Promise<{ ids: string[]; pages: SearchPage[] }> {
  const pages: SearchPage[] = [];
  let next: Record<string, unknown> | undefined = body;
  while (next !== undefined) {
    const response = await app.inject({ method: 'POST', url: '/search', payload: next });
    if (response.statusCode !== 200) throw new Error(`search answered ${response.statusCode}: ${response.body}`);
    const page = response.json() as SearchPage;
    pages.push(page);
    next = page.links.find((l) => l.rel === 'next')?.body;
  }
  return { ids: pages.flatMap((p) => p.features.map((f) => f.id)), pages };
}
