import { readFileSync } from 'node:fs';
import { sgp4, twoline2satrec } from 'satellite.js';
import t from 'tap';
import { degToRad } from '../../src/orbits/angle-units.js';
import { groundTrackArcs } from '../../src/orbits/ground-track-arcs.js';
import { julianDateToMs } from '../../src/orbits/julian-date.js';
import { temeToGeodetic } from '../../src/orbits/teme-to-geodetic.js';

const toleranceKm = 1e-6;
const R = 6371.0088;

const catalogue = JSON.parse(readFileSync(new URL('../../fixtures/satellites.json', import.meta.url), 'utf8')) as {
  reference_snapshot_2024: { satellites: { name: string; tle: [string, string] }[] };
};
const [s2a] = catalogue.reference_snapshot_2024.satellites;
const satrec = twoline2satrec(s2a!.tle[0], s2a!.tle[1]);
const epochMs = julianDateToMs(satrec.jdsatepoch);
const startMs = Date.UTC(2024, 9, 5);
const endMs = Date.UTC(2024, 9, 8);

function unit(latDeg: number, lonDeg: number): [number, number, number] {
  const lat = degToRad(latDeg);
  const lon = degToRad(lonDeg);
  return [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
}

/** Sub-satellite unit vector and height the slow, obvious way: SGP4, then temeToGeodetic. */
function subSatellitePoint(timeMs: number): { u: [number, number, number]; heightKm: number } {
  const pv = sgp4(satrec, (timeMs - epochMs) / 60_000)!;
  const g = temeToGeodetic(pv.position, timeMs);
  return {
    u: [Math.cos(g.latitudeRad) * Math.cos(g.longitudeRad), Math.cos(g.latitudeRad) * Math.sin(g.longitudeRad), Math.sin(g.latitudeRad)],
    heightKm: g.heightKm,
  };
}

t.test('arc samples are the SGP4 sub-satellite points on WGS84', async (t) => {
  let worst = 0;
  let worstHeight = 0;
  let samples = 0;
  groundTrackArcs(satrec, { startMs, endMs, capCentre: unit(48, 68), capRadiusRad: degToRad(10), maxReachKm: 145 }, (arc) => {
    for (let k = 0; k < arc.count; k++) {
      const expected = subSatellitePoint(arc.startMs + k * arc.stepMs);
      for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(arc.unit[3 * k + c]! - expected.u[c]!));
      worstHeight = Math.max(worstHeight, Math.abs(arc.heightKm[k]! - expected.heightKm));
      samples++;
    }
  });
  t.ok(samples > 100, `${samples} samples checked`);
  t.ok(worst * R < toleranceKm, `positions within 1 mm (worst ${(worst * R * 1e6).toFixed(3)} mm)`);
  t.ok(worstHeight < toleranceKm, 'heights within 1 mm');
});

t.test('every moment within reach of the cap falls strictly inside an arc', async (t) => {
  const centre = unit(41, 71);
  const capRadiusRad = degToRad(3);
  const maxReachKm = 145;
  const arcs: [number, number][] = [];
  const stats = groundTrackArcs(satrec, { startMs, endMs, capCentre: centre, capRadiusRad, maxReachKm }, (arc) => {
    arcs.push([arc.startMs, arc.startMs + (arc.count - 1) * arc.stepMs]);
  });
  // Brute force: every 10 s, is the sub-satellite point within capRadius + reach of the centre?
  let near = 0;
  let missed = 0;
  for (let time = startMs; time <= endMs; time += 10_000) {
    const { u } = subSatellitePoint(time);
    const angle = Math.acos(Math.min(1, u[0] * centre[0] + u[1] * centre[1] + u[2] * centre[2]));
    if (angle > capRadiusRad + maxReachKm / R) continue;
    near++;
    if (!arcs.some(([a, b]) => time > a && time < b)) missed++;
  }
  t.ok(near > 0, `${near} moments within reach`);
  t.equal(missed, 0, 'none outside the arcs');
  // Far from the cap the coarse pass skips ahead: far fewer SGP4 calls than 3 days at 120 s.
  t.ok(stats.propagations < (3 * 86_400) / 120, `${stats.propagations} propagations`);
  t.equal(stats.failedAtMs, null);
});

t.test('a decaying object reports its SGP4 failure', async (t) => {
  // Verification set 28872 (SGP4-VER.TLE, AIAA 2006-6753): perigee -51 km, "lost in 50 minutes".
  const decaying = twoline2satrec(
    '1 28872U 05037B   05333.02012661  .25992681  00000-0  24476-3 0  1534',
    '2 28872  96.4736 157.9986 0303955 244.0492 110.6523 16.46015938 10708',
  );
  const epoch = julianDateToMs(decaying.jdsatepoch);
  const stats = groundTrackArcs(
    decaying,
    { startMs: epoch, endMs: epoch + 86_400_000, capCentre: unit(0, 0), capRadiusRad: Math.PI, maxReachKm: 100 },
    () => {},
  );
  t.ok(stats.failedAtMs !== null && stats.failedAtMs > epoch && stats.failedAtMs < epoch + 60 * 60_000, 'fails within the hour');
  t.not(stats.sgp4Error, null);
});

t.test('steps must nest', async (t) => {
  const options = { startMs, endMs, capCentre: unit(0, 0), capRadiusRad: 0, maxReachKm: 1 };
  t.throws(() => groundTrackArcs(satrec, { ...options, coarseStepS: 100, fineStepS: 60 }, () => {}), RangeError);
  t.throws(() => groundTrackArcs(satrec, { ...options, endMs: startMs }, () => {}), RangeError);
});
