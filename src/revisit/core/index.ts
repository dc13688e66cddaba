/**
 * revisit/core: the pure revisit computation of issue 4 (no HTTP, no database). Inputs and outputs
 * are plain JSON-like values, so a computation can run in a worker thread.
 */
export { computeAccesses, type AccessSatellite, type AccessSet, type TerritoryPassRecord } from './compute-accesses.js';
export { DEFAULT_GRID_POINTS, defaultGridKm } from './default-grid-km.js';
export { groupVisits, VISIT_MERGE_MS } from './group-visits.js';
export { predictPointPasses, type PointPass, type PointPassesInput } from './predict-point-passes.js';
export { predictRevisit, type RevisitReport } from './predict-revisit.js';
export type { ObservationMode, RevisitInput, RevisitSatellite, TerritoryGeometry } from './revisit-input.js';
export { revisitStatistics, type AnyPointStatistics, type RevisitStatistics } from './revisit-statistics.js';
export { revisitWindow, type RevisitWindow } from './revisit-window.js';
export { satelliteSatrec } from './satellite-satrec.js';
export { scopeStatistics } from './scope-statistics.js';
export { territoryBbox, type TerritoryBbox } from './territory-bbox.js';
export { territoryCentre, type LonLatDeg } from './territory-centre.js';
export { territoryGrid, type TerritoryGrid } from './territory-grid.js';
export { territoryPasses, type TerritoryPass } from './territory-passes.js';
export { tleAgeDays } from './tle-age-days.js';
