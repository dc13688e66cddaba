import { randomBytes } from 'node:crypto';
import type { Geometry } from 'geojson';
import { type Kysely, sql } from 'kysely';
import type { Principal } from '../auth/index.js';
import type { Database, TerritoryRow } from '../db/index.js';
import { ConflictError, ForbiddenError, InvalidRequestError, NotFoundError } from '../errors.js';
import { bboxOfGeometry, normalizeFootprint } from '../ingest/footprint/index.js';
import { isScoMember } from '../reference/sco-members.js';
import type { TerritoryGeometry } from './core/index.js';

export type TerritoryKind = TerritoryRow['kind'];

/** A territory as the API lists it (without its geometry, which may have tens of thousands of vertices). */
export interface TerritorySummary {
  id: string;
  name: string;
  kind: TerritoryKind;
  /** The owning member; null for the seeded member countries and territories an admin keeps. */
  member: string | null;
  /** A seeded member country: nobody may change or delete it. */
  seeded: boolean;
  /** [west, south, east, north] degrees; west > east when it crosses the antimeridian. */
  bbox: number[];
  /** Geodesic area, km² (PostGIS geography). */
  area_km2: number;
  created: string;
  updated: string;
}

/** A territory with its geometry, a GeoJSON MultiPolygon as stored (split at the antimeridian). */
export interface Territory extends TerritorySummary {
  geometry: Extract<TerritoryGeometry, { type: 'MultiPolygon' }>;
}

/** What `POST /territories` and `PUT /territories/{id}` take. */
export interface TerritoryInput {
  name: string;
  kind: TerritoryKind;
  geometry: unknown;
  /** The owner, set by an admin; a member's key owns what it creates. */
  member?: string | null;
}

interface TerritoryQueryRow {
  id: string;
  name: string;
  kind: TerritoryKind;
  member: string | null;
  seeded: boolean;
  geometry: string;
  area_km2: number;
  created_at: Date;
  updated_at: Date;
}

function territoryNotFound(id: string): NotFoundError {
  return new NotFoundError('TerritoryNotFound', `territory "${id}" does not exist`);
}

function territory(row: TerritoryQueryRow): Territory {
  const geometry = JSON.parse(row.geometry) as Territory['geometry'];
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    member: row.member,
    seeded: row.seeded,
    bbox: bboxOfGeometry(geometry as Geometry),
    area_km2: row.area_km2,
    created: row.created_at.toISOString(),
    updated: row.updated_at.toISOString(),
    geometry,
  };
}

const SELECT_TERRITORY = sql`id, name, kind, member, seeded, ST_AsGeoJSON(geometry)::text AS geometry,
  ST_Area(geometry::geography) / 1e6 AS area_km2, created_at, updated_at`;

/** Every territory, seeded member countries first, then by name. */
export async function listTerritories(db: Kysely<Database>): Promise<TerritorySummary[]> {
  const { rows } = await sql<TerritoryQueryRow>`
    SELECT ${SELECT_TERRITORY} FROM territories ORDER BY seeded DESC, name, id`.execute(db);
  return rows.map((row) => {
    const { geometry: _geometry, ...summary } = territory(row);
    return summary;
  });
}

/** One territory with its geometry; throws NotFoundError `TerritoryNotFound`. */
export async function getTerritory(db: Kysely<Database>, id: string): Promise<Territory> {
  const { rows } = await sql<TerritoryQueryRow>`SELECT ${SELECT_TERRITORY} FROM territories WHERE id = ${id}`.execute(db);
  const row = rows[0];
  if (row === undefined) throw territoryNotFound(id);
  return territory(row);
}

/**
 * Create a territory owned by the caller's member (an admin may name the owner, or keep it), with
 * a generated id: a slug of the name and a random suffix. The geometry follows the catalog's
 * footprint rules (`normalizeFootprint`: winding, antimeridian, validity, vertex limit) and is
 * stored as a MultiPolygon.
 *
 * @throws InvalidRequestError `InvalidGeometry` for a geometry other than a Polygon or MultiPolygon,
 *   `UnknownMember` for an owner that is not an SCO member.
 * @throws InvalidStacError `InvalidGeometry` or `GeometryTooLarge` from the footprint rules.
 * @throws ForbiddenError when a member's key names another owner.
 */
export async function createTerritory(
  db: Kysely<Database>,
  input: TerritoryInput,
  principal: Principal,
  maxVertices: number,
): Promise<Territory> {
  const geometry = territoryGeometry(input.geometry, maxVertices);
  const member = owner(input.member, principal, null);
  const id = `${slug(input.name)}-${randomBytes(4).toString('hex')}`;
  await db
    .insertInto('territories')
    .values({ id, name: input.name, kind: input.kind, member, seeded: false, geometry: multiPolygon(geometry) })
    .execute();
  return getTerritory(db, id);
}

/**
 * Replace a territory's name, kind and geometry (and, by an admin, its owner).
 *
 * @throws NotFoundError `TerritoryNotFound`; ConflictError `SeededTerritory` for a member country;
 *   ForbiddenError for another member's territory; as `createTerritory` for the input.
 */
export async function replaceTerritory(
  db: Kysely<Database>,
  id: string,
  input: TerritoryInput,
  principal: Principal,
  maxVertices: number,
): Promise<Territory> {
  const current = await authorizeTerritoryWrite(db, id, principal);
  const geometry = territoryGeometry(input.geometry, maxVertices);
  const member = owner(input.member, principal, current.member);
  await db
    .updateTable('territories')
    .set({ name: input.name, kind: input.kind, member, geometry: multiPolygon(geometry), updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
  return getTerritory(db, id);
}

/**
 * Delete a territory with its stored revisit windows and passes.
 *
 * @throws As `replaceTerritory`, for the caller's right to it.
 */
export async function deleteTerritory(db: Kysely<Database>, id: string, principal: Principal): Promise<void> {
  await authorizeTerritoryWrite(db, id, principal);
  await db.deleteFrom('territories').where('id', '=', id).execute();
}

/**
 * The seeded member countries are reference data: no key may change them, an admin's neither, so
 * the refusal is a conflict with the resource's state (409) rather than a matter of rights (403).
 */
async function authorizeTerritoryWrite(db: Kysely<Database>, id: string, principal: Principal) {
  const row = await db.selectFrom('territories').select(['member', 'seeded']).where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw territoryNotFound(id);
  if (row.seeded) throw new ConflictError('SeededTerritory', `territory "${id}" is a seeded member country and cannot be changed or deleted`);
  if (principal.role !== 'admin' && row.member !== principal.member) {
    throw new ForbiddenError('Forbidden', `territory "${id}" belongs to ${row.member ?? 'the admins'}, not to ${principal.member ?? 'this key'}`);
  }
  return row;
}

function owner(requested: string | null | undefined, principal: Principal, current: string | null): string | null {
  if (principal.role !== 'admin') {
    if (requested !== undefined && requested !== principal.member) {
      throw new ForbiddenError('Forbidden', `a key of ${principal.member ?? 'no member'} may not give a territory to ${requested ?? 'nobody'}`);
    }
    return principal.member;
  }
  if (requested === undefined) return current;
  if (requested !== null && !isScoMember(requested)) {
    throw new InvalidRequestError('UnknownMember', `"${requested}" is not an SCO member code`);
  }
  return requested;
}

/** A Polygon or MultiPolygon, normalised by the catalog's footprint rules. */
function territoryGeometry(value: unknown, maxVertices: number): Geometry {
  const type = (value as { type?: unknown } | null)?.type;
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    throw new InvalidRequestError('InvalidGeometry', `a territory's geometry must be a Polygon or MultiPolygon, got ${JSON.stringify(type ?? null)}`);
  }
  const { geometry } = normalizeFootprint(value, { maxVertices });
  if (geometry === null) throw new InvalidRequestError('InvalidGeometry', "a territory's geometry may not be empty");
  return geometry;
}

function multiPolygon(geometry: Geometry) {
  return sql`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326))`;
}

/** "Flood area — Sindh" -> "flood-area-sindh": ASCII, lower case, at most 40 characters. */
function slug(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return ascii === '' ? 'territory' : ascii;
}
