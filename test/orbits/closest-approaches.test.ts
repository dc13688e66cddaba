import { readFileSync } from 'node:fs';
import { sgp4, twoline2satrec } from 'satellite.js';
import t from 'tap';
import { degToRad } from '../../src/orbits/angle-units.js';
import { closestApproaches, createClosestApproaches } from '../../src/orbits/closest-approaches.js';
import { ecefToGeodetic } from '../../src/orbits/ecef-to-geodetic.js';
import { greenwichMeanSiderealTimeRad } from '../../src/orbits/greenwich-mean-sidereal-time.js';
import type { GroundTrackArc } from '../../src/orbits/ground-track-arcs.js';
import { groundTrackArcs } from '../../src/orbits/ground-track-arcs.js';
import { julianDateToMs } from '../../src/orbits/julian-date.js';
import { temeToEcef } from '../../src/orbits/teme-to-ecef.js';

const R = 6371.0088;
const toleranceKm = 0.015;
const toleranceMs = 50;

/** A ground track along the equator at a constant rate (a great circle): exact answers are known. */
function equatorArc(count: number, stepMs: number, rateRadPerS: number): GroundTrackArc {
  const unit = new Float64Array(3 * count);
  const diff = new Float64Array(3 * count);
  const heightKm = new Float64Array(count).fill(700);
  for (let k = 0; k < count; k++) {
    const lon = (rateRadPerS * k * stepMs) / 1000;
    unit[3 * k] = Math.cos(lon);
    unit[3 * k + 1] = Math.sin(lon);
  }
  for (let k = 0; k + 1 < count; k++) for (let c = 0; c < 3; c++) diff[3 * k + c] = unit[3 * k + 3 + c]! - unit[3 * k + c]!;
  return { startMs: 0, stepMs, count, unit, diff, heightKm, maxStepRad: (rateRadPerS * stepMs) / 1000 };
}

function point(latDeg: number, lonDeg: number): [number, number, number] {
  const lat = degToRad(latDeg);
  const lon = degToRad(lonDeg);
  return [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
}

t.test('on a great circle the closest approach is found to 1 m and 20 ms', async (t) => {
  const rate = 6.9 / R; // 6.9 km/s along the track
  const arc = equatorArc(40, 60_000, rate);
  const out = createClosestApproaches();
  for (const [latDeg, lonDeg] of [
    [1, 10],
    [-0.3, 7.77],
    [0.0001, 20],
    [4, 30],
  ] as const) {
    const [x, y, z] = point(latDeg, lonDeg);
    t.equal(closestApproaches(arc, x, y, z, 1000, out), 1, `one approach for (${latDeg}, ${lonDeg})`);
    t.ok(Math.abs(out.distanceKm[0]! - R * degToRad(Math.abs(latDeg))) < 0.001, `distance ${out.distanceKm[0]}`);
    t.ok(Math.abs(out.timeMs[0]! - (degToRad(lonDeg) / rate) * 1000) < 20, `time ${out.timeMs[0]}`);
    t.equal(out.heightKm[0], 700);
  }
  const [x, y, z] = point(1, 10);
  t.equal(closestApproaches(arc, x, y, z, 100, out), 0, 'beyond the distance limit: nothing');
  t.equal(closestApproaches(arc, ...point(1, 0.5), 1000, out), 0, 'minimum in the first sample: not a local minimum inside the arc');
  t.equal(closestApproaches(arc, ...point(1, 170), 1000, out), 0, 'beyond the arc end (145 deg)');
  // Narrowing to the segment holding the minimum (10 deg at 3.72 deg per sample: sample 2.69) gives
  // the same answer.
  closestApproaches(arc, x, y, z, 1000, out);
  const full = out.timeMs[0];
  t.equal(closestApproaches(arc, x, y, z, 1000, out, 2, 2), 1);
  t.equal(out.timeMs[0], full);
});

t.test('on Sentinel-2A\'s track, within 15 m and 50 ms of a 1 s brute-force search', async (t) => {
  const catalogue = JSON.parse(readFileSync(new URL('../../fixtures/satellites.json', import.meta.url), 'utf8')) as {
    reference_snapshot_2024: { satellites: { tle: [string, string] }[] };
  };
  const tle = catalogue.reference_snapshot_2024.satellites[0]!.tle;
  const satrec = twoline2satrec(tle[0], tle[1]);
  const epochMs = julianDateToMs(satrec.jdsatepoch);
  const points = Array.from({ length: 30 }, (_, i) => point(35 + (i % 10) * 1.7, 60 + i * 0.8));
  const startMs = Date.UTC(2024, 9, 5);
  const out = createClosestApproaches();
  const found: { p: number; timeMs: number; distanceKm: number }[] = [];
  groundTrackArcs(satrec, { startMs, endMs: startMs + 86_400_000, capCentre: point(43, 72), capRadiusRad: degToRad(14), maxReachKm: 400 }, (arc) => {
    points.forEach(([x, y, z], p) => {
      const n = closestApproaches(arc, x, y, z, 400, out);
      for (let a = 0; a < n; a++) found.push({ p, timeMs: out.timeMs[a]!, distanceKm: out.distanceKm[a]! });
    });
  });
  t.ok(found.length > 20, `${found.length} approaches`);
  let worstKm = 0;
  let worstMs = 0;
  for (const f of found) {
    // Brute force: distance every second for 3 minutes around the approach, then the smallest.
    const [x, y, z] = points[f.p]!;
    let best = { distanceKm: Infinity, timeMs: 0 };
    for (let time = Math.round(f.timeMs / 1000) * 1000 - 90_000; time <= f.timeMs + 90_000; time += 1000) {
      const pv = sgp4(satrec, (time - epochMs) / 60_000)!;
      const g = ecefToGeodetic(temeToEcef(pv.position, greenwichMeanSiderealTimeRad(time)));
      const ux = Math.cos(g.latitudeRad) * Math.cos(g.longitudeRad);
      const uy = Math.cos(g.latitudeRad) * Math.sin(g.longitudeRad);
      const uz = Math.sin(g.latitudeRad);
      const d = R * Math.acos(Math.min(1, ux * x + uy * y + uz * z));
      if (d < best.distanceKm) best = { distanceKm: d, timeMs: time };
    }
    // A 1 s grid misses the true minimum by up to 0.5 s of along-track motion; compare distances at
    // the track (which that error hardly changes) and times to 0.5 s + tolerance.
    worstKm = Math.max(worstKm, f.distanceKm - best.distanceKm);
    worstMs = Math.max(worstMs, Math.abs(f.timeMs - best.timeMs) - 500);
  }
  t.ok(worstKm < toleranceKm, `never more than 15 m above the brute-force minimum (worst ${(worstKm * 1000).toFixed(1)} m)`);
  t.ok(worstMs < toleranceMs, 'times agree to the brute-force resolution');
});
