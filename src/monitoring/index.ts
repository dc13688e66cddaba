/**
 * monitoring: the emergency and gap answers of issue 5, from the catalog (what was acquired) and
 * the orbits (what is coming): the freshest scenes and mosaic over an area, next passes, observed
 * revisit, the unimaged parts of a territory, and watches whose alerts reach webhooks. No HTTP.
 */
export { type AlertNotice, evaluateWatches, type WatchEvaluation } from './evaluate-watches.js';
export { type Alert, type DeliveryAttempt, getAlert, listAlerts, type NoticeStatus } from './alert-repository.js';
export { deliverDueWebhooks, type DeliveryRun, type WebhookPolicy } from './deliver-webhooks.js';
export { findFreshest, type FreshestRequest, type FreshestResult, type FreshScene, type MosaicScene } from './find-freshest.js';
export { measureArea } from './measure-area.js';
export { observedRevisit, type ObservedRevisit, type ObservedRevisitRequest } from './observed-revisit.js';
export { type NextPass, predictNextPasses } from './predict-next-passes.js';
export { type AreaGeometry, type AreaInput, type MonitoringArea, resolveArea } from './resolve-area.js';
export { resolveTimeWindow, type TimeWindow, type TimeWindowOptions } from './resolve-time-window.js';
export type { SceneFilters } from './scene-filter-condition.js';
export { scheduleMonitoring, WATCHES_JOB, WEBHOOKS_JOB } from './schedule-monitoring.js';
export { type GapCell, territoryGapGrid } from './territory-gap-grid.js';
export { type GapPart, territoryGaps, type TerritoryGaps } from './territory-gaps.js';
export { createWatch, deleteWatch, listWatches, type NewWatch, type Watch } from './watch-repository.js';
export { webhookSignature } from './webhook-signature.js';
