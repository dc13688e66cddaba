import { bbox } from '@turf/turf';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { compileCql2 } from './compile-cql2.js';
import { geometryLiteral, hemisphereParts } from './geometry-literal.js';
import { overlapsTimeFrom, overlapsTimeRange, spaceTimeCandidates, spaceTimeCandidatesFrom } from './item-extent.js';
import type { SearchRequest } from './search-request.js';

type Box = [number, number, number, number];

export interface SearchConditions {
  /** The WHERE conditions of the search, all to hold together. */
  where: RawBuilder<SqlBool>[];
  /**
   * Conditions met by every match (and a few more) for estimating how many items match, with place
   * and time apart, as the footprint's 2-D box and the time range: their statistics estimate closer
   * than the space-time box's n-D histogram (233 expected for 555 matches where it expected 78, a
   * year over 3 by 3 degrees at 1,000,000 items).
   */
  estimable: RawBuilder<SqlBool>[];
  /** For a search by place within a window with both ends, the window and how to narrow it; null otherwise. */
  narrowable: NarrowableWindow | null;
}

/** A search's window with both ends, and the search's conditions with the window narrowed. */
export interface NarrowableWindow {
  window: { start: string; end: string };
  /**
   * The search's conditions with the window narrowed to its part from `start` on, for reading the
   * newest part of the window first, through the footprint-and-timeline index when `long`, else
   * the n-D one.
   */
  from: (start: WindowPartStart, long: boolean) => RawBuilder<SqlBool>[];
}

/** Where a narrowed window starts, as values of the statement: never before the window's own start. */
export interface WindowPartStart {
  /** As a timestamptz. */
  time: RawBuilder<unknown>;
  /** As days since 1970, widened a little (see windowStartDays), for the space-time index. */
  days: RawBuilder<number>;
}

/**
 * The conditions of a search, each in a form an index of sql/ serves: place and time together
 * through the n-D space-time GiST (short windows) or the footprint-and-timeline GiST (long ones),
 * place alone through the footprint-and-timeline GiST's first column, time alone through the range GiST,
 * collection and the promoted fields through their b-trees. A bbox crossing the antimeridian, and
 * a geometry split there, are searched as their two halves (OR), each with a narrow box.
 */
export function searchConditions(request: Omit<SearchRequest, 'limit' | 'token' | 'sortby'>, known: ReadonlySet<string>): SearchConditions {
  const where: RawBuilder<SqlBool>[] = [];
  if (request.collections !== null) where.push(sql<SqlBool>`items.collection IN (${sql.join(request.collections)})`);
  if (request.ids !== null) where.push(sql<SqlBool>`items.id IN (${sql.join(request.ids)})`);
  if (request.filter !== null) where.push(compileCql2(request.filter, known));
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
      spatial.push({ box: bbox(part, { recompute: true }) as Box, geometry: geometryLiteral(part) });
    }
  }
  const window = request.datetime;
  const anyOf = (tests: RawBuilder<SqlBool>[]) => (tests.length === 1 ? (tests[0] as RawBuilder<SqlBool>) : sql<SqlBool>`(${sql.join(tests, sql` OR `)})`);
  if (spatial.length === 0) {
    if (window !== null) where.push(overlapsTimeRange(window));
    return { where, estimable: where, narrowable: null };
  }
  if (window === null) {
    where.push(anyOf(spatial.map(({ geometry }) => sql<SqlBool>`ST_Intersects(items.geometry, ${geometry})`)));
    return { where, estimable: where, narrowable: null };
  }
  // Place and time: the space-time index finds the candidates; the exact tests follow as one
  // expression, and _ST_Intersects, unlike ST_Intersects, does not also call on the 2-D index,
  // which here would only add work.
  const placeAndTime = (candidates: (box: Box) => RawBuilder<SqlBool>, overlaps: RawBuilder<SqlBool>) =>
    anyOf(
      spatial.map(
        ({ box, geometry }) => sql<SqlBool>`(${candidates(box)} AND CASE WHEN ${overlaps} THEN _ST_Intersects(items.geometry, ${geometry}) ELSE FALSE END)`,
      ),
    );
  const boxes = anyOf(spatial.map(({ geometry }) => sql<SqlBool>`items.geometry && ${geometry}`));
  return {
    where: [...where, placeAndTime((box) => spaceTimeCandidates(box, window), overlapsTimeRange(window))],
    estimable: [...where, boxes, overlapsTimeRange(window)],
    narrowable:
      window.start === null || window.end === null
        ? null
        : {
            window: { start: window.start, end: window.end },
            from: (start, long) => [...where, placeAndTime((box) => spaceTimeCandidatesFrom(box, start.days, window, long), overlapsTimeFrom(start.time, window))],
          },
  };
}
