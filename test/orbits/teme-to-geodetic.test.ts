import { eciToGeodetic, geodeticToEcf, gstime } from 'satellite.js';
import t from 'tap';
import { degToRad, radToDeg } from '../../src/orbits/angle-units.js';
import { ecefToGeodetic } from '../../src/orbits/ecef-to-geodetic.js';
import { greenwichMeanSiderealTimeRad } from '../../src/orbits/greenwich-mean-sidereal-time.js';
import { julianDate } from '../../src/orbits/julian-date.js';
import { temeToEcef } from '../../src/orbits/teme-to-ecef.js';
import { temeToGeodetic } from '../../src/orbits/teme-to-geodetic.js';

const toleranceKm = 0.001;

t.test('TEME to Earth-fixed matches Vallado\'s worked example', async (t) => {
  // Vallado, Crawford, Hujsak, Kelso, "Revisiting Spacetrack Report #3", AIAA 2006-6753 Rev 2, and
  // Vallado, Fundamentals of Astrodynamics and Applications, Example 3-15 / Table 3-6:
  // 2004 April 6, 07:51:28.386009 UTC, dUT1 = -0.4399619 s,
  // r_TEME = (5094.18016210, 6127.64465950, 6380.34453270) km
  // r_PEF  = (-1033.47503120, 7901.30558560, 6380.34453270) km (GMST 1982; polar motion not applied).
  const ut1Ms = Date.UTC(2004, 3, 6, 7, 51, 28) + 386.009 - 439.9619;
  const pef = temeToEcef({ x: 5094.1801621, y: 6127.6446595, z: 6380.3445327 }, greenwichMeanSiderealTimeRad(ut1Ms));
  t.ok(Math.abs(pef.x - -1033.4750312) < toleranceKm, `x ${pef.x}`);
  t.ok(Math.abs(pef.y - 7901.3055856) < toleranceKm, `y ${pef.y}`);
  t.ok(Math.abs(pef.z - 6380.3445327) < toleranceKm, `z ${pef.z}`);
  // Same example's Julian date of UT1, 2453101.827406783 (Vallado; also skyfield's test of it).
  t.ok(Math.abs(julianDate(ut1Ms) - 2453101.827406783) < 1e-9, 'Julian date of UT1');
});

t.test('Earth-fixed to geodetic matches Vallado Example 3-3', async (t) => {
  // Vallado, Fundamentals (4th ed.), Example 3-3: r_ECEF = (6524.834, 6862.875, 6448.296) km gives
  // geodetic latitude 34.352496 deg, longitude 46.4464 deg, height above the ellipsoid 5085.22 km.
  const toleranceDeg = 1e-6;
  const g = ecefToGeodetic({ x: 6524.834, y: 6862.875, z: 6448.296 });
  t.ok(Math.abs(radToDeg(g.latitudeRad) - 34.352496) < toleranceDeg, `latitude ${radToDeg(g.latitudeRad)}`);
  t.ok(Math.abs(radToDeg(g.longitudeRad) - 46.4464) < 1e-4, `longitude ${radToDeg(g.longitudeRad)}`);
  t.ok(Math.abs(g.heightKm - 5085.22) < 0.01, `height ${g.heightKm}`);
});

t.test('WGS84 defining points: equator and poles', async (t) => {
  // NIMA TR8350.2: a = 6378.137 km, b = a (1 - f) = 6356.7523142 km.
  const equator = ecefToGeodetic({ x: 6378.137, y: 0, z: 0 });
  t.equal(equator.latitudeRad, 0);
  t.ok(Math.abs(equator.heightKm) < 1e-9);
  const pole = ecefToGeodetic({ x: 0, y: 0, z: 6356.7523142 + 700 });
  t.ok(Math.abs(radToDeg(pole.latitudeRad) - 90) < 1e-12);
  t.ok(Math.abs(pole.heightKm - 700) < 1e-7, `pole height ${pole.heightKm}`);
  const south = ecefToGeodetic({ x: 0, y: 0, z: -6356.7523142 });
  t.ok(Math.abs(radToDeg(south.latitudeRad) + 90) < 1e-12);
  t.throws(() => ecefToGeodetic({ x: NaN, y: 0, z: 0 }), RangeError);
});

t.test('geodetic round trip with satellite.js geodeticToEcf, surface to GEO', async (t) => {
  let worstRad = 0;
  let worstKm = 0;
  for (let latDeg = -89.5; latDeg <= 89.5; latDeg += 7.3) {
    for (const heightKm of [0, 0.5, 500, 800, 20_200, 35_786]) {
      const longitude = degToRad((latDeg * 37) % 180);
      const ecf = geodeticToEcf({ latitude: degToRad(latDeg), longitude, height: heightKm });
      const g = ecefToGeodetic(ecf);
      worstRad = Math.max(worstRad, Math.abs(g.latitudeRad - degToRad(latDeg)), Math.abs(g.longitudeRad - longitude));
      worstKm = Math.max(worstKm, Math.abs(g.heightKm - heightKm));
    }
  }
  t.ok(worstRad < 1e-11, `latitude and longitude within 1e-11 rad (worst ${worstRad})`);
  t.ok(worstKm < 1e-6, `height within 1 mm (worst ${worstKm} km)`);
});

t.test('temeToGeodetic agrees with satellite.js eciToGeodetic', async (t) => {
  // An independent implementation (CelesTrak's iterative method, 20 iterations).
  const timeMs = Date.UTC(2024, 9, 5, 12, 0, 0);
  let worstRad = 0;
  let worstKm = 0;
  for (let i = 0; i < 200; i++) {
    const r = 6500 + 30 * i;
    const a = i * 0.731;
    const b = Math.sin(i * 1.37) * 1.4;
    const teme = { x: r * Math.cos(b) * Math.cos(a), y: r * Math.cos(b) * Math.sin(a), z: r * Math.sin(b) };
    const ours = temeToGeodetic(teme, timeMs);
    const theirs = eciToGeodetic(teme, gstime(julianDate(timeMs)));
    const dLon = Math.abs(((ours.longitudeRad - theirs.longitude + 3 * Math.PI) % (2 * Math.PI)) - Math.PI);
    worstRad = Math.max(worstRad, Math.abs(ours.latitudeRad - theirs.latitude), dLon);
    worstKm = Math.max(worstKm, Math.abs(ours.heightKm - theirs.height));
  }
  t.ok(worstRad < 1e-9, `within 1e-9 rad (worst ${worstRad})`);
  t.ok(worstKm < toleranceKm, `height within 1 m (worst ${worstKm} km)`);
});
