/** Grid points the default spacing aims at; countries then get 1,000 to 3,000 points. */
export const DEFAULT_GRID_POINTS = 2000;

/**
 * Default grid spacing for a territory: sqrt(area / 2000) km, rounded to two significant figures,
 * so that the grid has about 2,000 points whatever the territory's size (from Russia's 92 km to
 * Tajikistan's 8.4 km). The column spacing is set at the bounding box's centre latitude, so a
 * territory spread over many latitudes gets somewhat more or fewer points; for the ten SCO members
 * the counts stay between 1,000 and 3,000 (tested).
 *
 * @param areaKm2 Territory area, km^2 (geodesic), positive.
 * @returns Spacing in km.
 * @throws RangeError when the area is not positive and finite.
 */
export function defaultGridKm(areaKm2: number): number {
  if (!(areaKm2 > 0) || !Number.isFinite(areaKm2)) throw new RangeError(`defaultGridKm: area must be > 0 km2, got ${areaKm2}`);
  const raw = Math.sqrt(areaKm2 / DEFAULT_GRID_POINTS);
  return Number(raw.toPrecision(2));
}
