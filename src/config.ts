import path from 'node:path';

/** Every setting of eopool, read once from the environment; nothing else reads `process.env`. */
export interface Config {
  /** Unset: the embedded PGlite + PostGIS database in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  host: string;
  port: number;
  /** Base of the absolute links in answers; unset: built from each request (X-Forwarded-* respected). */
  publicUrl: string | null;
  /** A key that acts as admin without being stored; bootstraps the first stored keys. */
  adminKey: string | null;
  /** Load the demo scenes into an empty catalog at start-up. */
  demo: boolean;
  /** `keys`: every read but the landing page, conformance, /api and /health needs a key. */
  read: 'public' | 'keys';
  /** Hosts outbound requests may reach besides public addresses (webhooks, harvests, GeoTIFF reads). */
  allowedHosts: string[];
  logLevel: string;
  limits: Limits;
}

export interface Limits {
  /** A search `limit` above this acts as this. */
  searchLimitMax: number;
  jsonBodyBytes: number;
  ndjsonLineBytes: number;
  geometryVertices: number;
  /** Largest area of interest for freshest/gaps, km². Default: a little above Russia's area. */
  areaOfInterestKm2: number;
  /** Largest grid points × satellites × days of one revisit computation. */
  revisitWorkMax: number;
  /** Most grid points of one revisit computation (a `grid_km` that gives more is refused). */
  revisitGridPointsMax: number;
}

type Env = Record<string, string | undefined>;

/** Parse the environment; throws an Error naming the variable when a value is malformed. */
export function loadConfig(env: Env = process.env): Config {
  const databaseUrl = nonEmpty(env.DATABASE_URL);
  return {
    databaseUrl,
    dataDir: path.resolve(nonEmpty(env.EOPOOL_DATA_DIR) ?? './data'),
    host: nonEmpty(env.HOST) ?? '127.0.0.1',
    port: integer(env, 'PORT', 8080, 0, 65535),
    publicUrl: nonEmpty(env.EOPOOL_PUBLIC_URL)?.replace(/\/+$/, '') ?? null,
    adminKey: nonEmpty(env.EOPOOL_ADMIN_KEY),
    demo: flag(env, 'EOPOOL_DEMO', databaseUrl === null),
    read: oneOf(env, 'EOPOOL_READ', ['public', 'keys'] as const, 'public'),
    allowedHosts: (nonEmpty(env.EOPOOL_ALLOWED_HOSTS) ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter((h) => h !== ''),
    logLevel: nonEmpty(env.LOG_LEVEL) ?? 'info',
    limits: {
      searchLimitMax: integer(env, 'EOPOOL_SEARCH_LIMIT_MAX', 10_000, 1, 1_000_000),
      jsonBodyBytes: integer(env, 'EOPOOL_JSON_BODY_BYTES', 10 * 1024 * 1024, 1024, 1024 ** 3),
      ndjsonLineBytes: integer(env, 'EOPOOL_NDJSON_LINE_BYTES', 1024 * 1024, 1024, 1024 ** 3),
      geometryVertices: integer(env, 'EOPOOL_GEOMETRY_VERTICES', 10_000, 4, 10_000_000),
      areaOfInterestKm2: integer(env, 'EOPOOL_AOI_MAX_KM2', 17_500_000, 1, 600_000_000),
      revisitWorkMax: integer(env, 'EOPOOL_REVISIT_WORK_MAX', 5_000_000, 1, 10_000_000_000),
      revisitGridPointsMax: integer(env, 'EOPOOL_REVISIT_GRID_POINTS_MAX', 20_000, 1, 10_000_000),
    },
  };
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value.trim();
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = nonEmpty(env[name])?.toLowerCase();
  if (raw === undefined || raw === null) return fallback;
  if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'off', 'no'].includes(raw)) return false;
  throw new Error(`${name} must be 0 or 1, got "${raw}"`);
}

function oneOf<T extends string>(env: Env, name: string, choices: readonly T[], fallback: T): T {
  const raw = nonEmpty(env[name]);
  if (raw === null) return fallback;
  if (!(choices as readonly string[]).includes(raw)) {
    throw new Error(`${name} must be one of ${choices.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}
