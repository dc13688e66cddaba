import type { Position } from 'geojson';

/** The longitude and latitude range of some positions (degrees); heights are ignored. */
export interface Extent {
  minLon: number;
  maxLon: number;
  minLat: number;
  maxLat: number;
}

export function extentOf(positions: readonly Position[]): Extent {
  const extent = { minLon: Infinity, maxLon: -Infinity, minLat: Infinity, maxLat: -Infinity };
  for (const p of positions) {
    extent.minLon = Math.min(extent.minLon, p[0] as number);
    extent.maxLon = Math.max(extent.maxLon, p[0] as number);
    extent.minLat = Math.min(extent.minLat, p[1] as number);
    extent.maxLat = Math.max(extent.maxLat, p[1] as number);
  }
  return extent;
}
