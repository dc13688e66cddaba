import t from 'tap';
import { degToRad, radToDeg } from '../../src/orbits/angle-units.js';
import { groundRangeKmForOffNadir } from '../../src/orbits/ground-range-for-off-nadir.js';
import { offNadirRadForGroundRange } from '../../src/orbits/off-nadir-for-ground-range.js';

const R = 6371.0088;
const toleranceKm = 1e-6;
const toleranceDeg = 1e-9;

t.test('ground range at an off-nadir angle, spherical Earth', async (t) => {
  t.equal(groundRangeKmForOffNadir(0, 700), 0);
  // Small angles: flat Earth, h tan(eta).
  t.ok(Math.abs(groundRangeKmForOffNadir(degToRad(0.01), 700) - 700 * Math.tan(degToRad(0.01))) < 1e-6);
  // 40 deg from 500 km: sin(eta') = 6871.0088 / 6371.0088 sin 40 deg, lambda = eta' - 40 deg.
  const expected = R * (Math.asin((6871.0088 / R) * Math.sin(degToRad(40))) - degToRad(40));
  t.ok(Math.abs(groundRangeKmForOffNadir(degToRad(40), 500) - expected) < toleranceKm);
  t.ok(expected > 430 && expected < 435, `40 deg at 500 km reaches ${expected.toFixed(1)} km`);
  // Beyond the limb (asin(R / (R + h)) = 66.1 deg at 500 km): the horizon distance.
  t.ok(Math.abs(groundRangeKmForOffNadir(degToRad(80), 500) - R * Math.acos(R / (R + 500))) < toleranceKm);
  t.throws(() => groundRangeKmForOffNadir(-0.1, 500), RangeError);
  t.throws(() => groundRangeKmForOffNadir(0.1, 0), RangeError);
});

t.test('off-nadir angle for a ground range inverts it', async (t) => {
  for (const heightKm of [400, 786, 1200]) {
    for (const etaDeg of [0, 1, 10, 30, 45, 55]) {
      const d = groundRangeKmForOffNadir(degToRad(etaDeg), heightKm);
      t.ok(Math.abs(radToDeg(offNadirRadForGroundRange(d, heightKm)) - etaDeg) < toleranceDeg, `${etaDeg} deg at ${heightKm} km`);
    }
  }
  // Half of Sentinel-2's 290 km swath from 786 km: about 10.3 deg (its MSI field of view is 20.6 deg).
  t.ok(Math.abs(radToDeg(offNadirRadForGroundRange(145, 786)) - 10.3) < 0.2, "Sentinel-2 half swath");
  t.throws(() => offNadirRadForGroundRange(-1, 700), RangeError);
});
