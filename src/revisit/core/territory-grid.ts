import { area } from '@turf/turf';
import { EARTH } from '../../orbits/earth.js';
import { defaultGridKm } from './default-grid-km.js';
import type { TerritoryGeometry } from './revisit-input.js';
import { territoryBbox, type TerritoryBbox } from './territory-bbox.js';
import { territoryCentre, type LonLatDeg } from './territory-centre.js';
import { territoryRings, type UnwrappedRing } from './territory-rings.js';

/** The grid of points at which revisit is computed. */
export interface TerritoryGrid {
  /** Spacing used, km. */
  gridKm: number;
  /** Geodesic area of the territory, km^2 (Turf, sphere of radius 6371.0088 km). */
  areaKm2: number;
  bbox: TerritoryBbox;
  /** Territory centre (see `territoryCentre`). */
  centre: LonLatDeg;
  /** Grid points, longitude in [-180, 180). */
  points: LonLatDeg[];
  /** True when no grid point fell inside and the grid is the centre alone. */
  centreOnly: boolean;
}

const RAD_TO_DEG = 180 / Math.PI;

/** Longitudes (unwrapped frame of the ring) where the ring's edges cross a latitude, sorted. */
function crossings(ring: UnwrappedRing, latDeg: number): Float64Array {
  const xs: number[] = [];
  const { lon, lat } = ring;
  for (let i = 0; i + 1 < lon.length; i++) {
    const y0 = lat[i]!;
    const y1 = lat[i + 1]!;
    if (y0 > latDeg !== y1 > latDeg) {
      const x0 = lon[i]!;
      xs.push(x0 + ((latDeg - y0) * (lon[i + 1]! - x0)) / (y1 - y0));
    }
  }
  return Float64Array.from(xs).sort();
}

function countBelow(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The revisit grid of a territory.
 *
 * Rows every gridKm / 6371.0088 rad of latitude from the bounding box's south edge plus half a step;
 * columns every gridKm / (6371.0088 cos(phi)) rad of longitude from its west edge plus half a step,
 * phi the latitude of the box's centre; the box is antimeridian-aware (`territoryBbox`). Points inside
 * the territory are kept (even-odd rule per polygon, holes excluded, scan line per row, so Russia's
 * 37,000 vertices cost milliseconds). When no point falls inside, the grid is the territory's centre.
 *
 * @param geometry Territory, GeoJSON Polygon or MultiPolygon.
 * @param gridKm Spacing, km; default `defaultGridKm(area)`, about 2,000 points.
 * @throws RangeError for a malformed geometry or a spacing that is not positive.
 */
export function territoryGrid(geometry: TerritoryGeometry, gridKm?: number): TerritoryGrid {
  const rings = territoryRings(geometry);
  const bbox = territoryBbox(geometry, rings);
  const centre = territoryCentre(geometry, rings);
  const areaKm2 = area({ type: 'Feature', properties: {}, geometry }) / 1e6;
  if (gridKm !== undefined && !(gridKm > 0 && Number.isFinite(gridKm))) {
    throw new RangeError(`grid spacing must be a positive number of km, got ${gridKm}`);
  }
  const spacingKm = gridKm ?? (areaKm2 > 0 ? defaultGridKm(areaKm2) : 1);
  const points: LonLatDeg[] = [];

  const latStepDeg = (spacingKm / EARTH.meanRadiusKm) * RAD_TO_DEG;
  const centreLatRad = (bbox.southDeg + bbox.northDeg) / 2 / RAD_TO_DEG;
  // Guard the pole: a box centred within 0.6 deg of it gets the spacing of 89.4 deg.
  const lonStepDeg = latStepDeg / Math.max(Math.cos(centreLatRad), 0.01);
  const rows = Math.max(0, Math.floor((bbox.northDeg - bbox.southDeg) / latStepDeg + 0.5));
  const cols = Math.max(0, Math.floor((bbox.eastDeg - bbox.westDeg) / lonStepDeg + 0.5));
  for (let row = 0; row < rows; row++) {
    const latDeg = bbox.southDeg + (row + 0.5) * latStepDeg;
    const rowRings: { ring: UnwrappedRing; xs: Float64Array; polygon: number }[] = [];
    rings.forEach((polygon, pi) => {
      const outer = polygon[0]!;
      if (latDeg < outer.minLat || latDeg > outer.maxLat) return;
      for (const ring of polygon) {
        if (latDeg < ring.minLat || latDeg > ring.maxLat) continue;
        const xs = crossings(ring, latDeg);
        if (xs.length > 0) rowRings.push({ ring, xs, polygon: pi });
      }
    });
    if (rowRings.length === 0) continue;
    for (let col = 0; col < cols; col++) {
      const lonDeg = bbox.westDeg + (col + 0.5) * lonStepDeg;
      // Even-odd per polygon: the parity of crossings west of the point, over its rings.
      const parity = new Map<number, number>();
      for (const { ring, xs, polygon } of rowRings) {
        const x = lonDeg - 360 * Math.floor((lonDeg - ring.minLon) / 360);
        parity.set(polygon, (parity.get(polygon) ?? 0) ^ (countBelow(xs, x) & 1));
      }
      let inside = false;
      for (const p of parity.values()) inside ||= p === 1;
      if (inside) points.push({ longitudeDeg: ((((lonDeg + 180) % 360) + 360) % 360) - 180, latitudeDeg: latDeg });
    }
  }
  const centreOnly = points.length === 0;
  if (centreOnly) points.push(centre);
  return { gridKm: spacingKm, areaKm2, bbox, centre, points, centreOnly };
}
