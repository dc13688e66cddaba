// @radiantearth/stac-migrate 2.1 ships no types; these cover the calls eopool makes.
declare module '@radiantearth/stac-migrate' {
  type Json = Record<string, unknown>;
  /** Migrates an Item in place to STAC 1.1.0; `collection` is only read for the Commons extension. */
  export function item(item: Json, collection?: Json | null, updateVersionNumber?: boolean): Json;
  /** Migrates a Collection in place to STAC 1.1.0. */
  export function collection(collection: Json, updateVersionNumber?: boolean): Json;
  const migrate: { item: typeof item; collection: typeof collection };
  export default migrate;
}
