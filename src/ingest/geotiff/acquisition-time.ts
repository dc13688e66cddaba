import type { GdalMetadataItem } from './parse-gdal-metadata.js';

/**
 * Dataset metadata items that state when the scene was acquired, as GDAL's drivers and common
 * producers write them (DigitalGlobe IMD, Sentinel-2 SAFE, generic). The TIFF DateTime tag is not
 * among them: it is when the file was written.
 */
const ACQUISITION_ITEMS = ['ACQUISITION_DATETIME', 'ACQUISITIONDATETIME', 'ACQUISITION_DATE_TIME', 'ACQUISITION_TIME', 'SENSING_TIME', 'SENSING_START', 'DATETIME_ACQUIRED'];

/**
 * The acquisition time a file's GDAL metadata states, as RFC 3339 UTC, or null. Landsat MTL's
 * DATE_ACQUIRED and SCENE_CENTER_TIME count together; a value without a time of day or a zone is
 * not an acquisition instant and is ignored.
 */
export function acquisitionTime(metadata: readonly GdalMetadataItem[]): string | null {
  // Landsat MTL values come quoted: "05:06:07.1234560Z".
  const dataset = new Map(metadata.filter((m) => m.sample === null).map((m) => [m.name.toUpperCase(), m.value.replace(/^"(.*)"$/, '$1')]));
  const date = dataset.get('DATE_ACQUIRED');
  const time = dataset.get('SCENE_CENTER_TIME');
  const candidates = [...ACQUISITION_ITEMS.map((name) => dataset.get(name)), date !== undefined && time !== undefined ? `${date}T${time}` : undefined];
  for (const value of candidates) {
    const instant = value === undefined ? null : rfc3339(value);
    if (instant !== null) return instant;
  }
  return null;
}

function rfc3339(value: string): string | null {
  const match = /^(\d{4})[-:](\d{2})[-:](\d{2})[T ](\d{2}):(\d{2}):(\d{2}(?:\.\d+)?)\s*(Z|[+-]\d{2}:?\d{2})$/i.exec(value.trim());
  if (match === null) return null;
  const [, y, mo, d, h, mi, s, zone] = match;
  const parsed = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${zone!.toUpperCase() === 'Z' ? 'Z' : zone!.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`);
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString();
}
