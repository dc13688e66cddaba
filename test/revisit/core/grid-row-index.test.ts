import { readFileSync } from 'node:fs';
import { twoline2satrec } from 'satellite.js';
import t from 'tap';
import { closestApproaches, createClosestApproaches } from '../../../src/orbits/closest-approaches.js';
import { groundTrackArcs } from '../../../src/orbits/ground-track-arcs.js';
import { GridRowIndex } from '../../../src/revisit/core/grid-row-index.js';
import type { RevisitSatellite, TerritoryGeometry } from '../../../src/revisit/core/revisit-input.js';
import { territoryGrid } from '../../../src/revisit/core/territory-grid.js';

const DEG = Math.PI / 180;
const fixtures = new URL('../../../fixtures/', import.meta.url);
const catalogue = JSON.parse(readFileSync(new URL('satellites.json', fixtures), 'utf8')) as { satellites: RevisitSatellite[] };
const members = JSON.parse(readFileSync(new URL('sco-members.geojson', fixtures), 'utf8')) as {
  features: { properties: { iso_a2: string }; geometry: TerritoryGeometry }[];
};

// Russia: rows reaching 82 N and a grid split by the antimeridian; Meteor-M2 3's 1,000 km swath
// and Kanopus-V's 23 km one, with and without its 40 deg field of regard (reach ~ 430 km).
for (const [name, reachKm] of [
  ['METEOR-M2 3', 500],
  ['KANOPUS-V 3', 11.65],
  ['KANOPUS-V 3', 440],
] as const) {
  t.test(`${name}, reach ${reachKm} km: candidates hold every point the arc reaches`, async (t) => {
    const grid = territoryGrid(members.features.find((f) => f.properties.iso_a2 === 'RU')!.geometry);
    const n = grid.points.length;
    const unit = grid.points.map((p) => {
      const lat = p.latitudeDeg * DEG;
      const lon = p.longitudeDeg * DEG;
      return [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)] as const;
    });
    const c = grid.centre;
    const centre = [
      Math.cos(c.latitudeDeg * DEG) * Math.cos(c.longitudeDeg * DEG),
      Math.cos(c.latitudeDeg * DEG) * Math.sin(c.longitudeDeg * DEG),
      Math.sin(c.latitudeDeg * DEG),
    ] as const;
    const capRadiusRad = Math.max(...unit.map((u) => Math.acos(Math.min(1, u[0] * centre[0] + u[1] * centre[1] + u[2] * centre[2]))));
    const index = new GridRowIndex(grid.points, grid.bbox.westDeg);
    const candidates = new Int32Array(n);
    const from = new Int32Array(n);
    const to = new Int32Array(n);
    const out = createClosestApproaches();
    const satellite = catalogue.satellites.find((s) => s.name === name)!;
    let reached = 0;
    let missing = 0;
    let narrowedDiffer = 0;
    let candidateTotal = 0;
    let arcs = 0;
    groundTrackArcs(
      twoline2satrec(satellite.tle[0]!, satellite.tle[1]!),
      { startMs: Date.UTC(2026, 4, 8), endMs: Date.UTC(2026, 4, 10), capCentre: centre, capRadiusRad, maxReachKm: reachKm },
      (arc) => {
        arcs++;
        const count = index.candidates(arc, reachKm, candidates, from, to);
        candidateTotal += count;
        const position = new Map<number, number>();
        for (let k = 0; k < count; k++) position.set(candidates[k]!, k);
        unit.forEach(([x, y, z], p) => {
          if (closestApproaches(arc, x, y, z, reachKm, out) === 0) return;
          reached++;
          const time = out.timeMs[0];
          const k = position.get(p);
          if (k === undefined) {
            missing++;
            return;
          }
          closestApproaches(arc, x, y, z, reachKm, out, from[k], to[k]);
          if (out.count === 0 || out.timeMs[0] !== time) narrowedDiffer++;
        });
      },
    );
    t.ok(reached > 100, `${reached} point passes within reach over ${arcs} arcs`);
    t.equal(missing, 0, 'no point within reach left out');
    t.equal(narrowedDiffer, 0, 'the narrowed search finds the same approach');
    t.ok(candidateTotal < 0.5 * arcs * n, `candidates: ${(candidateTotal / arcs).toFixed(0)} of ${n} points per arc`);
  });
}
