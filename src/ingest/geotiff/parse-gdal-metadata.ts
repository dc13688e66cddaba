/** One `<Item>` of GDAL's GDAL_METADATA TIFF tag. */
export interface GdalMetadataItem {
  name: string;
  /** The band (0-based) the item describes; null for the dataset. */
  sample: number | null;
  role: string | null;
  domain: string | null;
  value: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * The items of a GDAL_METADATA tag (`<GDALMetadata><Item name="…" sample="0" role="…">value</Item>…`),
 * the XML GDAL writes for dataset and band metadata (scale, offset, statistics, acquisition times).
 * Malformed items are skipped.
 */
export function parseGdalMetadata(xml: string | null): GdalMetadataItem[] {
  if (xml === null) return [];
  const items: GdalMetadataItem[] = [];
  for (const match of xml.matchAll(/<Item\s([^>]*?)(?:\/>|>([\s\S]*?)<\/Item>)/g)) {
    const attributes = new Map([...match[1]!.matchAll(/(\w+)\s*=\s*"([^"]*)"/g)].map((a) => [a[1]!, decode(a[2]!)]));
    const name = attributes.get('name');
    if (name === undefined) continue;
    const sample = attributes.get('sample');
    items.push({
      name,
      sample: sample === undefined ? null : Number(sample),
      role: attributes.get('role') ?? null,
      domain: attributes.get('domain') ?? null,
      value: decode(match[2] ?? '').trim(),
    });
  }
  return items;
}

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number(body.slice(1)));
    return ENTITIES[body] ?? entity;
  });
}
