import type { Kysely } from 'kysely';
import type { Limits } from '../config.js';
import type { Database } from '../db/index.js';
import { EopoolError, InvalidRequestError } from '../errors.js';
import { runJobOnce, type JobCounts } from '../scheduler/index.js';
import type { AccessSatellite, ObservationMode, RevisitStatistics, TerritoryPass } from './core/index.js';
import {
  DEFAULT_SUN_ELEVATION_MIN_DEG,
  planRevisit,
  STALE_TLE_DAYS,
  startOfUtcDay,
  type RevisitPlan,
  type RevisitQuery,
} from './plan-revisit.js';
import {
  deleteRunsEndedBefore,
  findStoredRun,
  inputsDigest,
  storedDigest,
  storedPasses,
  storedPoints,
  storeRun,
} from './revisit-store.js';
import { createRevisitWorkerPool, type RevisitWorkerPool } from './revisit-worker-pool.js';
import type { PointRevisit, RevisitTaskResult } from './run-revisit-task.js';
import { loadSatellitesForWindow, type SelectedSatellites } from './satellite-elements.js';

/** What every answer says about its window and how it was obtained. */
interface AnswerHeader {
  territory: string;
  name: string;
  /** Window, RFC 3339 UTC. */
  start: string;
  end: string;
  days: number;
  mode: ObservationMode;
  sun_elevation_min_deg: number;
  grid: { points: number; spacing_km: number; area_km2: number; centre_only: boolean };
  /** `stored`: the nightly window, answered at once; `computed`: computed for this request. */
  source: 'stored' | 'computed';
  computed_at: string;
  /** Stored but left out of the computation (`no_swath`). */
  skipped: SelectedSatellites['skipped'];
  warnings: string[];
}

/** The body of `GET /territories/{t}/revisit`. */
export interface RevisitAnswer extends AnswerHeader {
  /** The satellites used, with their TLE epoch and age over the window, passes and accesses. */
  satellites: AccessSatellite[];
  pool: RevisitStatistics;
  /** Per member code (the operators of the satellites when `satellites=` is given); null without satellites. */
  members: Record<string, RevisitStatistics | null>;
  /** Pool visits per point over the member's; null for a member without satellites or visits. */
  pooling_gain: Record<string, number | null>;
  propagations: number;
  /** Computation time, s (of the stored computation for a stored answer). */
  seconds: number;
}

/** The body of `GET /territories/{t}/passes`. */
export interface PassesAnswer extends AnswerHeader {
  passes: TerritoryPass[];
}

export interface RevisitLogger {
  info(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

/** Predicted revisit and passes, off the event loop, from stored windows when they match. */
export interface RevisitService {
  /** Revisit statistics of a territory; with `points`, also each grid point's revisit. */
  revisit(query: RevisitQuery, options?: { points?: boolean }): Promise<RevisitAnswer & { points?: PointRevisit[] }>;
  passes(query: RevisitQuery): Promise<PassesAnswer>;
  /**
   * Compute and store the pool window of each territory (or of the given ones) starting at
   * `dayStart` for {@link STORED_DAYS} days; windows whose inputs have not changed are kept.
   * Answers the run's counts, `{skipped: reason}` when TLEs are stale.
   */
  refreshStoredWindows(options: { dayStart: Date; territories?: readonly string[] }): Promise<JobCounts>;
  /**
   * After TLEs or territories changed: refresh today's stored windows soon, in the background, as a
   * `revisit-refresh` job run (changes within a few seconds are refreshed together). Does nothing
   * unless the service was created with `background`.
   */
  refreshSoon(reason: string, territories?: readonly string[]): void;
  /** Start the worker threads now. */
  warm(): void;
  /** Stop the workers and background refreshes. */
  close(): Promise<void>;
}

/** Length of the stored windows, days. */
const STORED_DAYS = 14;
/** The stored windows' mode. */
const STORED_MODE: ObservationMode = 'nadir';
const REFRESH_DELAY_MS = 3000;

/**
 * The revisit service of a process: one worker pool for every computation (requests, the nightly
 * job and refreshes), answers from the stored windows when a request matches one whose inputs are
 * unchanged.
 */
export function createRevisitService(options: {
  db: Kysely<Database>;
  limits: Limits;
  clock: () => Date;
  logger: RevisitLogger;
  /** Refresh stored windows in the background after changes (a serving process with a scheduler). */
  background: boolean;
  pool?: RevisitWorkerPool;
}): RevisitService {
  const { db, limits, clock, logger } = options;
  // A pool handed in is the caller's to close.
  const pool = options.pool ?? createRevisitWorkerPool();
  let timer: NodeJS.Timeout | null = null;
  const pendingReasons = new Set<string>();
  // null: every territory.
  let pendingTerritories: Set<string> | null = new Set();
  let running: Promise<unknown> = Promise.resolve();
  let closed = false;

  const compute = async (plan: RevisitPlan, query: Pick<RevisitQuery, 'mode' | 'gridKm' | 'sunElevationMinDeg'>): Promise<RevisitTaskResult> => {
    try {
      return await pool.run({
        territory: plan.territory.geometry,
        satellites: plan.selection.satellites,
        windowStartMs: plan.window.start.getTime(),
        days: plan.window.days,
        mode: query.mode,
        gridKm: query.gridKm,
        sunElevationMinDeg: query.sunElevationMinDeg,
        memberCodes: plan.memberCodes,
        maxGridPoints: limits.revisitGridPointsMax,
        workMax: limits.revisitWorkMax,
      });
    } catch (error) {
      // The core's RangeErrors that reach here concern the territory itself (the inputs are checked before).
      if (error instanceof RangeError) throw new InvalidRequestError('UncomputableTerritory', `territory "${plan.territory.id}": ${error.message}`);
      throw error;
    }
  };

  const header = (plan: RevisitPlan, result: Pick<RevisitTaskResult, 'start' | 'end' | 'grid'>, query: RevisitQuery) => ({
    territory: plan.territory.id,
    name: plan.territory.name,
    start: result.start,
    end: result.end,
    days: plan.window.days,
    mode: query.mode,
    sun_elevation_min_deg: query.sunElevationMinDeg,
    grid: result.grid,
    source: 'computed' as const,
    computed_at: clock().toISOString(),
    skipped: plan.selection.skipped,
    warnings: plan.warnings,
  });

  const revisitAnswer = (plan: RevisitPlan, result: RevisitTaskResult, query: RevisitQuery): RevisitAnswer => ({
    ...header(plan, result, query),
    satellites: result.satellites,
    pool: result.pool,
    members: result.members,
    pooling_gain: result.pooling_gain,
    propagations: result.propagations,
    seconds: result.seconds,
  });

  /**
   * The stored window that can answer for this request: the pool (or, for passes, some members'
   * part of it) in the stored mode and Sun elevation, holding the requested window (`exact`: being
   * it), and computed from the inputs as they are now.
   */
  const storedFor = async (plan: RevisitPlan, query: RevisitQuery, exact: boolean) => {
    if (query.satellites !== null || query.mode !== STORED_MODE || query.sunElevationMinDeg !== DEFAULT_SUN_ELEVATION_MIN_DEG) return undefined;
    const run = await findStoredRun(db, {
      territory: plan.territory.id,
      start: plan.window.start,
      end: plan.window.end,
      mode: query.mode,
      sunElevationMinDeg: query.sunElevationMinDeg,
    });
    if (run === undefined) return undefined;
    const same = run.windowStart.getTime() === plan.window.start.getTime() && run.windowEnd.getTime() === plan.window.end.getTime();
    if (exact && !same) return undefined;
    const poolNow =
      same && query.members === null && query.sensor === null
        ? plan.selection
        : await loadSatellitesForWindow(db, {}, { start: run.windowStart, end: run.windowEnd });
    return run.inputsDigest === inputsDigest(plan.territory.updated, poolNow) ? run : undefined;
  };

  const refreshStoredWindows: RevisitService['refreshStoredWindows'] = async ({ dayStart, territories }) => {
    const started = Date.now();
    const window = { start: dayStart, end: new Date(dayStart.getTime() + STORED_DAYS * 86_400_000) };
    const selection = await loadSatellitesForWindow(db, {}, window);
    const stale = selection.satellites.filter((s) => s.tle_age_days > STALE_TLE_DAYS);
    if (stale.length > 0) {
      const oldest = Math.max(...stale.map((s) => s.tle_age_days));
      return {
        skipped:
          `stale TLEs: ${stale.length} of ${selection.satellites.length} pool satellites have TLEs more than ${STALE_TLE_DAYS} days ` +
          `from the window ${window.start.toISOString()} .. ${window.end.toISOString()} (up to ${Math.round(oldest)} days); ` +
          'load fresh TLEs (POST /satellites/tle or eopool tle FILE)',
        window_start: window.start.toISOString(),
        stale_satellites: stale.map((s) => s.norad_id),
      };
    }
    const removed = await deleteRunsEndedBefore(db, window.start);
    let ids = (await db.selectFrom('territories').select('id').orderBy('id').execute()).map((t) => t.id);
    if (territories !== undefined) ids = ids.filter((id) => territories.includes(id));
    const counts = { window_start: window.start.toISOString(), days: STORED_DAYS, satellites: selection.satellites.length, territories: 0, unchanged: 0, passes: 0, removed };
    const failed: { territory: string; error: string }[] = [];
    const query: RevisitQuery = {
      territory: '',
      start: window.start,
      days: STORED_DAYS,
      mode: STORED_MODE,
      gridKm: null,
      sunElevationMinDeg: DEFAULT_SUN_ELEVATION_MIN_DEG,
      members: null,
      satellites: null,
      sensor: null,
      allowStale: false,
    };
    for (const id of ids) {
      if (closed) throw new Error('stopped: eopool is shutting down');
      try {
        const plan = await planRevisit(db, { ...query, territory: id }, window.start);
        const digest = inputsDigest(plan.territory.updated, plan.selection);
        if ((await storedDigest(db, { territory: id, start: window.start, end: window.end, mode: STORED_MODE })) === digest) {
          counts.unchanged++;
          continue;
        }
        const result = await compute(plan, query);
        await storeRun(db, {
          territory: id,
          start: window.start,
          end: window.end,
          mode: STORED_MODE,
          gridKm: result.grid.spacing_km,
          sunElevationMinDeg: DEFAULT_SUN_ELEVATION_MIN_DEG,
          inputsDigest: digest,
          report: { ...revisitAnswer(plan, result, query) },
          points: result.points,
          passes: result.passes,
        });
        counts.territories++;
        counts.passes += result.passes.length;
      } catch (error) {
        // One territory the core cannot compute (a deleted one, a continent) does not stop the others.
        if (!(error instanceof EopoolError)) throw error;
        failed.push({ territory: id, error: `${error.code}: ${error.description}` });
      }
    }
    if (failed.length > 0 && counts.territories + counts.unchanged === 0) {
      throw new Error(`no territory computed: ${failed.map((f) => `${f.territory} (${f.error})`).join('; ')}`);
    }
    return { ...counts, ...(failed.length > 0 ? { failed } : {}), seconds: (Date.now() - started) / 1000 };
  };

  const runPendingRefresh = () => {
    timer = null;
    const reason = [...pendingReasons].sort().join('+');
    const territories = pendingTerritories === null ? undefined : [...pendingTerritories];
    pendingReasons.clear();
    pendingTerritories = new Set();
    const now = clock();
    running = running.then(async () => {
      if (closed) return;
      try {
        const run = await runJobOnce(db, 'revisit-refresh', `${reason}:${now.toISOString()}`, () =>
          refreshStoredWindows({ dayStart: startOfUtcDay(now), ...(territories === undefined ? {} : { territories }) }),
        );
        logger.info({ job: 'revisit-refresh', state: run?.state, counts: run?.counts, error: run?.error }, 'stored revisit windows refreshed');
      } catch (error) {
        logger.error({ err: error }, 'stored revisit windows not refreshed');
      }
    });
  };

  return {
    async revisit(query, options = {}) {
      const plan = await planRevisit(db, query, clock());
      const run = query.members === null && query.sensor === null ? await storedFor(plan, query, true) : undefined;
      if (run !== undefined && (query.gridKm === null || query.gridKm === run.gridKm)) {
        const report = run.report as unknown as RevisitAnswer;
        const answer = { ...report, source: 'stored' as const, computed_at: run.computedAt.toISOString() };
        return options.points === true ? { ...answer, points: await storedPoints(db, run.id) } : answer;
      }
      const result = await compute(plan, query);
      const answer = revisitAnswer(plan, result, query);
      return options.points === true ? { ...answer, points: result.points } : answer;
    },

    async passes(query) {
      const plan = await planRevisit(db, query, clock());
      const run = query.gridKm === null ? await storedFor(plan, query, false) : undefined;
      if (run !== undefined) {
        const report = run.report as unknown as RevisitAnswer;
        return {
          ...header(plan, { start: plan.window.start.toISOString(), end: plan.window.end.toISOString(), grid: report.grid }, query),
          source: 'stored',
          computed_at: run.computedAt.toISOString(),
          // The stored window's own warnings: its TLEs are what the passes come from.
          warnings: report.warnings,
          passes: await storedPasses(db, run.id, { start: plan.window.start, end: plan.window.end, members: query.members, sensor: query.sensor }),
        };
      }
      const result = await compute(plan, query);
      return { ...header(plan, result, query), passes: result.passes };
    },

    refreshStoredWindows,

    refreshSoon(reason, territories) {
      if (!options.background || closed) return;
      pendingReasons.add(reason);
      if (territories === undefined) pendingTerritories = null;
      else for (const id of territories) pendingTerritories?.add(id);
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(runPendingRefresh, REFRESH_DELAY_MS);
      timer.unref();
    },

    warm() {
      pool.warm();
    },

    async close() {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      await running;
      if (options.pool === undefined) await pool.close();
    },
  };
}
