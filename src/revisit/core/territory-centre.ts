import type { TerritoryGeometry } from './revisit-input.js';
import { territoryBbox } from './territory-bbox.js';
import { territoryRings, type UnwrappedRing } from './territory-rings.js';

/** A point in degrees, longitude in [-180, 180). */
export interface LonLatDeg {
  longitudeDeg: number;
  latitudeDeg: number;
}

/**
 * The territory's centre: the area-weighted centroid of its polygons in longitude-latitude degrees
 * (the planar "centre of mass", holes subtracted), computed with every ring moved into the
 * antimeridian-aware bounding box's longitude range so that Russia's centre is in Siberia, not at
 * 0 deg. Falls back to the mean of the outer rings' vertices when the area is zero. The centre
 * need not lie inside a concave territory.
 *
 * @throws RangeError for a malformed geometry (see `territoryRings`).
 */
export function territoryCentre(geometry: TerritoryGeometry, rings: UnwrappedRing[][] = territoryRings(geometry)): LonLatDeg {
  const { westDeg, southDeg } = territoryBbox(geometry, rings);
  // Coordinates relative to the box's south-west corner, so a small territory's shoelace sums do not
  // cancel against large absolute longitudes.
  let area = 0;
  let sx = 0;
  let sy = 0;
  let vx = 0;
  let vy = 0;
  let vn = 0;
  for (const polygon of rings) {
    polygon.forEach((ring, ri) => {
      const shift = 360 * Math.floor((ring.minLon - westDeg) / 360);
      let a = 0;
      let cx = 0;
      let cy = 0;
      for (let i = 0; i + 1 < ring.lon.length; i++) {
        const x0 = ring.lon[i]! - shift - westDeg;
        const y0 = ring.lat[i]! - southDeg;
        const x1 = ring.lon[i + 1]! - shift - westDeg;
        const y1 = ring.lat[i + 1]! - southDeg;
        const cross = x0 * y1 - x1 * y0;
        a += cross;
        cx += (x0 + x1) * cross;
        cy += (y0 + y1) * cross;
        if (ri === 0) {
          vx += x0;
          vy += y0;
          vn++;
        }
      }
      if (a === 0) return;
      // Outer rings add, holes subtract, whatever their winding.
      const sign = ri === 0 ? Math.sign(a) : -Math.sign(a);
      area += (sign * a) / 2;
      sx += (sign * cx) / 6;
      sy += (sign * cy) / 6;
    });
  }
  const [dx, dy] = area > 0 ? [sx / area, sy / area] : [vx / vn, vy / vn];
  const x = dx + westDeg;
  const y = dy + southDeg;
  return { longitudeDeg: ((((x + 180) % 360) + 360) % 360) - 180, latitudeDeg: y };
}
