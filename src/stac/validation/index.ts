/**
 * STAC documents in: migrated from older versions to 1.1.0 (datetimes normalised on the way) and
 * validated against the JSON schemas of their version and extensions, offline, from `schemas/`.
 */
export { migrateStac, type Migrated } from './migrate-stac.js';
export { createStacValidator, type StacIssue, type StacValidator } from './create-stac-validator.js';
