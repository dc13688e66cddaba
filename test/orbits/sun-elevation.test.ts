import t from 'tap';
import { degToRad, radToDeg } from '../../src/orbits/angle-units.js';
import { sunDirectionEcef } from '../../src/orbits/sun-direction-ecef.js';
import { sunElevationRad } from '../../src/orbits/sun-elevation.js';
import { sunPosition } from '../../src/orbits/sun-position.js';

// The Astronomical Almanac's low-precision formulas claim 0.01 deg for 1950-2050.
const toleranceDeg = 0.01;

t.test('Sun position matches Meeus Example 25.a', async (t) => {
  // Meeus, Astronomical Algorithms (2nd ed.), Example 25.a: 1992 October 13.0 TD (JDE 2448908.5),
  // apparent right ascension 13h13m31.4s = 198.38083 deg, declination -7 deg 47' 06" = -7.78507 deg,
  // R = 0.99766 AU. TD is used as UTC here (Delta T = 59 s moves the Sun by 0.0007 deg).
  const p = sunPosition(Date.UTC(1992, 9, 13));
  const raDeg = (radToDeg(p.rightAscensionRad) + 360) % 360;
  t.ok(Math.abs(raDeg - 198.38083) < toleranceDeg, `right ascension ${raDeg}`);
  t.ok(Math.abs(radToDeg(p.declinationRad) - -7.78507) < toleranceDeg, `declination ${radToDeg(p.declinationRad)}`);
  t.ok(Math.abs(p.distanceAu - 0.99766) < 1e-4, `distance ${p.distanceAu}`);
});

t.test('Sun declination at the 2024 equinox and solstice (USNO)', async (t) => {
  // USNO "Earth's Seasons" 2024: March equinox 2024-03-20 03:06 UT (declination 0), June solstice
  // 2024-06-20 20:51 UT (declination = obliquity of date, 23.4362 deg, IAU 2006 mean obliquity).
  const equinox = sunPosition(Date.UTC(2024, 2, 20, 3, 6));
  t.ok(Math.abs(radToDeg(equinox.declinationRad)) < toleranceDeg, `equinox declination ${radToDeg(equinox.declinationRad)}`);
  const solstice = sunPosition(Date.UTC(2024, 5, 20, 20, 51));
  t.ok(Math.abs(radToDeg(solstice.declinationRad) - 23.4362) < toleranceDeg, `solstice declination ${radToDeg(solstice.declinationRad)}`);
});

t.test('Sun elevation matches the NREL SPA example', async (t) => {
  // Reda and Andreas, "Solar Position Algorithm for Solar Radiation Applications", NREL/TP-560-34302
  // (2004/2008), Appendix A.5: 2003-10-17 12:30:30 local (UTC-7) at 39.742476 N, 105.1786 W:
  // topocentric elevation without refraction e0 = 39.872046 deg. Ours is geocentric: the Sun's
  // parallax lowers the topocentric value by 0.0019 deg here, inside the tolerance.
  const e = radToDeg(sunElevationRad(degToRad(39.742476), degToRad(-105.1786), Date.UTC(2003, 9, 17, 19, 30, 30)));
  t.ok(Math.abs(e - 39.872046) < toleranceDeg, `elevation ${e}`);
});

t.test('Sun elevation at the subsolar point and its antipode', async (t) => {
  const timeMs = Date.UTC(2024, 9, 5, 9, 0);
  const s = sunDirectionEcef(timeMs);
  t.ok(Math.abs(Math.hypot(s.x, s.y, s.z) - 1) < 1e-12, 'unit vector');
  const lat = Math.asin(s.z);
  const lon = Math.atan2(s.y, s.x);
  t.ok(Math.abs(radToDeg(sunElevationRad(lat, lon, timeMs)) - 90) < 1e-5, 'Sun at the zenith of the subsolar point');
  t.ok(Math.abs(radToDeg(sunElevationRad(-lat, lon + Math.PI, timeMs)) + 90) < 1e-5, 'at the nadir of its antipode');
  // Local apparent noon at 09:00 UT: longitude = 15 * (12 - 9 - EoT), EoT = +11.7 min on 5 October
  // (the Sun runs ahead of mean time), so about 42.1 deg.
  t.ok(Math.abs(radToDeg(lon) - 42.1) < 0.1, `subsolar longitude ${radToDeg(lon)}`);
  t.throws(() => sunElevationRad(2, 0, timeMs), RangeError);
});
