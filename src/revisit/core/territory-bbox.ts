import type { TerritoryGeometry } from './revisit-input.js';
import { territoryRings, type UnwrappedRing } from './territory-rings.js';

/** A longitude-latitude box in degrees; `eastDeg` exceeds 180 when the box crosses the antimeridian. */
export interface TerritoryBbox {
  westDeg: number;
  southDeg: number;
  eastDeg: number;
  northDeg: number;
}

/**
 * The smallest box holding a territory, antimeridian-aware: the longitude range is the circle minus
 * its largest gap not covered by any ring, so Russia (split at 180 deg) gets 19.6 .. 190.6 deg
 * rather than -180 .. 180.
 *
 * @throws RangeError for a malformed geometry (see `territoryRings`).
 */
export function territoryBbox(geometry: TerritoryGeometry, rings: UnwrappedRing[][] = territoryRings(geometry)): TerritoryBbox {
  let southDeg = Infinity;
  let northDeg = -Infinity;
  const spans: [number, number][] = [];
  for (const polygon of rings) {
    const outer = polygon[0]!;
    southDeg = Math.min(southDeg, outer.minLat);
    northDeg = Math.max(northDeg, outer.maxLat);
    if (outer.maxLon - outer.minLon >= 360) return { westDeg: -180, southDeg, eastDeg: 180, northDeg };
    const start = ((((outer.minLon + 180) % 360) + 360) % 360) - 180;
    spans.push([start, start + (outer.maxLon - outer.minLon)]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  // Merge overlapping spans, then find the widest uncovered gap, wrapping round the circle.
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last !== undefined && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  const first = merged[0]!;
  const tail = merged[merged.length - 1]!;
  if (tail[1] - first[0] >= 360) {
    // Spans wrap into each other: fold the overlap, and if they cover everything, the box is global.
    const covered = merged.reduce((sum, [a, b]) => sum + (b - a), 0);
    if (covered >= 360) return { westDeg: -180, southDeg, eastDeg: 180, northDeg };
  }
  let gapStart = tail[1];
  let gapWidth = first[0] + 360 - tail[1];
  let westDeg = first[0];
  for (let i = 1; i < merged.length; i++) {
    const width = merged[i]![0] - merged[i - 1]![1];
    if (width > gapWidth) {
      gapWidth = width;
      gapStart = merged[i - 1]![1];
      westDeg = merged[i]![0];
    }
  }
  let eastDeg = gapStart;
  while (eastDeg <= westDeg) eastDeg += 360;
  if (gapWidth <= 0) return { westDeg: -180, southDeg, eastDeg: 180, northDeg };
  return { westDeg, southDeg, eastDeg, northDeg };
}
