import t from 'tap';
import { degToRad } from '../../src/orbits/angle-units.js';
import { greatCircleDistanceKm } from '../../src/orbits/great-circle-distance.js';

const toleranceKm = 1e-6;

t.test('great-circle distances on the 6371.0088 km sphere', async (t) => {
  // A quarter of a great circle is pi R / 2 = 10,007.5574 km; a degree of arc 111.19508 km.
  t.ok(Math.abs(greatCircleDistanceKm(0, 0, 0, degToRad(90)) - (Math.PI * 6371.0088) / 2) < toleranceKm);
  t.ok(Math.abs(greatCircleDistanceKm(0, 0, degToRad(90), degToRad(123)) - (Math.PI * 6371.0088) / 2) < toleranceKm);
  t.ok(Math.abs(greatCircleDistanceKm(degToRad(45), degToRad(10), degToRad(46), degToRad(10)) - 111.19508) < 1e-5);
  t.ok(Math.abs(greatCircleDistanceKm(0, 0, 0, Math.PI) - Math.PI * 6371.0088) < toleranceKm, 'antipodes');
  t.equal(greatCircleDistanceKm(0.3, 0.2, 0.3, 0.2), 0);
  // Across the antimeridian: 179.5 E to 179.5 W at the equator is one degree.
  t.ok(Math.abs(greatCircleDistanceKm(0, degToRad(179.5), 0, degToRad(-179.5)) - 111.19508) < 1e-5);
});
