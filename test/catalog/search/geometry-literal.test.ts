import t from 'tap';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely';
import { geometryLiteral, hemisphereParts } from '../../../src/catalog/search/geometry-literal.js';
import { decodePageToken, encodePageToken } from '../../../src/catalog/search/page-token.js';

t.test('a footprint split at the antimeridian is searched as its two halves', async (t) => {
  const east = [[[170, 50], [180, 50], [180, 60], [170, 60], [170, 50]]];
  const west = [[[-180, 50], [-170, 50], [-170, 60], [-180, 60], [-180, 50]]];
  t.same(hemisphereParts({ type: 'MultiPolygon', coordinates: [east, west] }), [
    { type: 'Polygon', coordinates: west },
    { type: 'Polygon', coordinates: east },
  ]);
  const narrow = { type: 'MultiPolygon' as const, coordinates: [east, [[[160, 50], [165, 50], [165, 55], [160, 50]]]] };
  t.same(hemisphereParts(narrow), [narrow], 'parts within 180° stay together');
  const collection = { type: 'GeometryCollection' as const, geometries: [{ type: 'Point' as const, coordinates: [179, 0] }, { type: 'LineString' as const, coordinates: [[-179, 0], [-178, 1]] }] };
  t.same(hemisphereParts(collection), [
    { type: 'LineString', coordinates: [[-179, 0], [-178, 1]] },
    { type: 'Point', coordinates: [179, 0] },
  ]);
  const polygon = { type: 'Polygon' as const, coordinates: [[[-179, 0], [179, 0], [179, 1], [-179, 0]]] };
  t.same(hemisphereParts(polygon), [polygon], 'a single polygon is never cut');
});

t.test('page tokens round-trip and refuse anything else', async (t) => {
  const token = encodePageToken({ direction: 'prev', position: ['2024-01-01T00:00:00.000000Z', null, 'c', 'id'] });
  t.match(token, /^[A-Za-z0-9_-]+$/, 'URL-safe');
  t.same(decodePageToken(token, 4), { direction: 'prev', position: ['2024-01-01T00:00:00.000000Z', null, 'c', 'id'] });
  t.throws(() => decodePageToken(token, 3), { code: 'InvalidToken' }, 'a token of a search sorted otherwise');
  for (const bad of ['garbage', '', Buffer.from('["x","a"]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')]) {
    t.throws(() => decodePageToken(bad, 1), { code: 'InvalidToken' }, bad);
  }
});

t.test('a geometry literal is 2-D EWKB in hex with SRID 4326, a parameter', async (t) => {
  const compiler = new Kysely<Record<string, never>>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  const compiled = sql`SELECT ${geometryLiteral({ type: 'Point', coordinates: [1, 2, 3] })}`.compile(compiler);
  t.equal(compiled.sql, 'SELECT $1::geometry');
  // Byte order 1, type 1 with the SRID flag, SRID 4326, x = 1.0, y = 2.0 (the height dropped).
  t.same(compiled.parameters, ['0101000020e6100000000000000000f03f0000000000000040']);
});
