/**
 * The link relations the catalog itself answers with (built from the request); a stored document's
 * own links of these kinds are replaced on the way out, since they pointed into another catalog.
 */
export const STRUCTURAL_RELS: ReadonlySet<string> = new Set(['self', 'root', 'parent', 'collection', 'items']);

/** A document's own links without the structural ones. */
export function ownLinks(document: Record<string, unknown>): unknown[] {
  return Array.isArray(document.links)
    ? (document.links as { rel?: unknown }[]).filter((l) => typeof l?.rel !== 'string' || !STRUCTURAL_RELS.has(l.rel))
    : [];
}
