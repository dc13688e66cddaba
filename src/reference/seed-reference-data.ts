import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/index.js';
import { parseTle } from '../orbits/index.js';
import { isScoMember, SCO_MEMBERS } from './sco-members.js';

const FIXTURES = new URL('../../fixtures/', import.meta.url);

/** One entry of fixtures/satellites.json, the shape `POST /satellites` also takes. */
export interface SatelliteEntry {
  name: string;
  norad_id: number;
  member: string;
  sensor: 'optical' | 'sar';
  instrument?: string | null;
  swath_km: number | null;
  field_of_regard_deg: number | null;
  gsd_m: number | null;
  tle: [string, string];
  swath_source?: string | null;
  notes?: string | null;
  reference?: boolean;
  other_instruments?: unknown;
}

interface SatellitesFile {
  satellites: SatelliteEntry[];
  reference_snapshot_2024: { satellites: SatelliteEntry[] };
}

export interface SeedCounts {
  members: number;
  territories: number;
  satellites: number;
  tles: number;
}

/**
 * Seed the members, their territories (fixtures/sco-members.geojson, id = ISO code) and every
 * satellite of fixtures/satellites.json, with the 2024 reference snapshot's TLEs kept in the TLE
 * history. Idempotent: rows already present are left as they are, so a TLE loaded later survives.
 */
export async function seedReferenceData(db: Kysely<Database>): Promise<SeedCounts> {
  const satellitesFile = JSON.parse(fs.readFileSync(new URL('satellites.json', FIXTURES), 'utf8')) as SatellitesFile;
  const countries = JSON.parse(fs.readFileSync(new URL('sco-members.geojson', FIXTURES), 'utf8')) as {
    features: { properties: { iso_a2: string; name: string }; geometry: unknown }[];
  };
  return db.transaction().execute(async (trx) => {
    const members = await trx
      .insertInto('members')
      .values(SCO_MEMBERS.map((m) => ({ ...m })))
      .onConflict((oc) => oc.column('code').doNothing())
      .returning('code')
      .execute();
    let territories = 0;
    for (const feature of countries.features) {
      const inserted = await trx
        .insertInto('territories')
        .values({
          id: feature.properties.iso_a2,
          name: feature.properties.name,
          kind: 'country',
          member: null,
          seeded: true,
          geometry: sql`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(feature.geometry)}), 4326))`,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .execute();
      territories += inserted.length;
    }
    let satellites = 0;
    for (const entry of satellitesFile.satellites) {
      const inserted = await trx
        .insertInto('satellites')
        .values(satelliteRow(entry))
        .onConflict((oc) => oc.column('norad_id').doNothing())
        .returning('norad_id')
        .execute();
      satellites += inserted.length;
    }
    const history = [...satellitesFile.satellites, ...satellitesFile.reference_snapshot_2024.satellites].map((s) => ({
      norad_id: s.norad_id,
      epoch: tleEpoch(s.tle),
      line1: s.tle[0],
      line2: s.tle[1],
    }));
    const tles = await trx
      .insertInto('tle_history')
      .values(history)
      .onConflict((oc) => oc.columns(['norad_id', 'epoch']).doNothing())
      .returning('norad_id')
      .execute();
    return { members: members.length, territories, satellites, tles: tles.length };
  });
}

/** The columns of a satellite as `satellites.json` and `POST /satellites` describe it. */
export function satelliteRow(entry: SatelliteEntry) {
  return {
    norad_id: entry.norad_id,
    name: entry.name,
    operator: entry.member,
    member: isScoMember(entry.member) ? entry.member : null,
    sensor: entry.sensor,
    instrument: entry.instrument ?? null,
    swath_km: entry.swath_km,
    field_of_regard_deg: entry.field_of_regard_deg,
    gsd_m: entry.gsd_m,
    tle_line1: entry.tle[0],
    tle_line2: entry.tle[1],
    tle_epoch: tleEpoch(entry.tle),
    swath_source: entry.swath_source ?? null,
    notes: entry.notes ?? null,
    reference: entry.reference ?? false,
    other_instruments: entry.other_instruments === undefined ? null : JSON.stringify(entry.other_instruments),
  };
}

/**
 * The epoch of a checked TLE as a UTC Date, rounded to the millisecond: the value stored in
 * `satellites.tle_epoch` and `tle_history.epoch`, so every writer must use it.
 *
 * @throws InvalidRequestError `InvalidTle` (see `parseTle`).
 */
export function tleEpoch([line1, line2]: readonly [string, string]): Date {
  return new Date(Math.round(parseTle(line1, line2).epochMs));
}

export const FIXTURES_DIR = fileURLToPath(FIXTURES);
