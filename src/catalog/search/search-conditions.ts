import type { Geometry, Position } from 'geojson';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { compileCql2 } from './compile-cql2.js';
import { geometryLiteral, hemisphereParts } from './geometry-literal.js';
import { overlapsTimeRange, spaceTimeCandidates } from './item-extent.js';
import type { SearchRequest } from './search-request.js';

type Box = [number, number, number, number];

/**
 * The WHERE conditions of a search, all to hold together, each in a form an index of
 * sql/0004_search.sql serves: place and time together through the space-time GiST, place alone
 * through the geometry GiST, time alone through the range GiST, collection and the promoted fields
 * through their b-trees. A bbox crossing the antimeridian, and a geometry split there, are searched
 * as their two halves (OR), each with a narrow box.
 */
export function searchConditions(request: Omit<SearchRequest, 'limit' | 'token' | 'sortby'>, known: ReadonlySet<string>): RawBuilder<SqlBool>[] {
  const where: RawBuilder<SqlBool>[] = [];
  if (request.collections !== null) where.push(sql<SqlBool>`items.collection IN (${sql.join(request.collections)})`);
  if (request.ids !== null) where.push(sql<SqlBool>`items.id IN (${sql.join(request.ids)})`);
  const spatial: { box: Box; geometry: RawBuilder<unknown> }[] = [];
  if (request.bbox !== null) {
    const [west, south, east, north] = request.bbox;
    const halves: Box[] = west <= east ? [[west, south, east, north]] : [[west, south, 180, north], [-180, south, east, north]];
    for (const [w, s, e, n] of halves) {
      spatial.push({ box: [w, s, e, n], geometry: sql`ST_MakeEnvelope(${w}::float8, ${s}::float8, ${e}::float8, ${n}::float8, 4326)` });
    }
  }
  if (request.intersects !== null) {
    for (const part of hemisphereParts(request.intersects)) {
      spatial.push({ box: boxOf(part), geometry: geometryLiteral(part) });
    }
  }
  const window = request.datetime;
  if (spatial.length === 0 && window !== null) where.push(overlapsTimeRange(window));
  if (spatial.length > 0) {
    const tests = spatial.map(({ box, geometry }) =>
      window === null
        ? sql<SqlBool>`ST_Intersects(items.geometry, ${geometry})`
        : // Place and time: the space-time index finds the candidates; the exact tests follow as one
          // expression. Apart, the planner would count the time's selectivity twice (the index has
          // it already) and think dense matches rare; and _ST_Intersects, unlike ST_Intersects, does
          // not also call on the 2-D index, which here would only add work.
          sql<SqlBool>`(${spaceTimeCandidates(box, window)}
                        AND CASE WHEN ${overlapsTimeRange(window)} THEN _ST_Intersects(items.geometry, ${geometry}) ELSE FALSE END)`,
    );
    where.push(tests.length === 1 ? (tests[0] as RawBuilder<SqlBool>) : sql<SqlBool>`(${sql.join(tests, sql` OR `)})`);
  }
  if (request.filter !== null) where.push(compileCql2(request.filter, known));
  return where;
}

function boxOf(geometry: Geometry): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (position: Position) => {
    const [x, y] = position as [number, number];
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  };
  const walk = (g: Geometry): void => {
    switch (g.type) {
      case 'Point':
        return visit(g.coordinates);
      case 'MultiPoint':
      case 'LineString':
        return g.coordinates.forEach(visit);
      case 'MultiLineString':
      case 'Polygon':
        return g.coordinates.forEach((line) => line.forEach(visit));
      case 'MultiPolygon':
        return g.coordinates.forEach((polygon) => polygon.forEach((ring) => ring.forEach(visit)));
      case 'GeometryCollection':
        return g.geometries.forEach(walk);
    }
  };
  walk(geometry);
  return box;
}
