import t from 'tap';
import { hashKey } from '../../src/auth/index.js';
import { createTestApp } from '../helpers/test-app.js';

const { app, admin, database, auth } = await createTestApp(t);

t.test('POST /keys creates a key shown once and stored only as its hash', async (t) => {
  const response = await app.inject({ method: 'POST', url: '/keys', headers: admin, payload: { member: 'KZ', role: 'member' } });
  t.equal(response.statusCode, 201);
  const created = response.json();
  t.match(created, { member: 'KZ', role: 'member', id: String, key: /^eop_/ });
  const row = await database.db.selectFrom('api_keys').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
  t.equal(row.key_hash, hashKey(created.key));
  t.notMatch(JSON.stringify(row), created.key, 'the secret itself is nowhere in the row');
  const listed = (await app.inject({ url: '/keys', headers: admin })).json().keys;
  const mine = listed.find((k: { id: string }) => k.id === created.id);
  t.same(Object.keys(mine).sort(), ['created', 'id', 'member', 'revoked', 'role']);
  t.notOk(JSON.stringify(listed).includes(created.key), 'GET /keys never shows secrets');

  const write = await app.inject({
    method: 'POST',
    url: '/collections',
    headers: { authorization: `Bearer ${created.key}` },
    payload: { type: 'Collection' },
  });
  t.not(write.statusCode, 401, 'the new key authenticates');
});

t.test('DELETE /keys/{id} revokes: the key then answers 401', async (t) => {
  const created = (await app.inject({ method: 'POST', url: '/keys', headers: admin, payload: { member: 'RU', role: 'reader' } })).json();
  const deleted = await app.inject({ method: 'DELETE', url: `/keys/${created.id}`, headers: admin });
  t.equal(deleted.statusCode, 204);
  const use = await app.inject({ url: '/collections', headers: { authorization: `Bearer ${created.key}` } });
  t.equal(use.statusCode, 401);
  t.equal(use.json().code, 'InvalidKey');
  const again = await app.inject({ method: 'DELETE', url: `/keys/${created.id}`, headers: admin });
  t.equal(again.statusCode, 404);
});

t.test('only an admin manages keys', async (t) => {
  const member = await auth('member', 'KZ');
  const response = await app.inject({ method: 'POST', url: '/keys', headers: member, payload: { member: 'KZ', role: 'admin' } });
  t.equal(response.statusCode, 403);
  t.equal((await app.inject({ url: '/keys' })).statusCode, 401);
});

t.test('bad key requests answer 400 naming the problem', async (t) => {
  const unknownField = await app.inject({ method: 'POST', url: '/keys', headers: admin, payload: { member: 'KZ', role: 'member', colour: 'red' } });
  t.equal(unknownField.statusCode, 400);
  t.match(unknownField.json().description, /unknown field "colour"/);
  const unknownMember = await app.inject({ method: 'POST', url: '/keys', headers: admin, payload: { member: 'US', role: 'member' } });
  t.equal(unknownMember.json().code, 'UnknownMember');
  const noMember = await app.inject({ method: 'POST', url: '/keys', headers: admin, payload: { role: 'reader' } });
  t.equal(noMember.json().code, 'MissingMember');
  const badRole = await app.inject({ method: 'POST', url: '/keys', headers: admin, payload: { member: 'KZ', role: 'owner' } });
  t.equal(badRole.statusCode, 400);
});

t.test('a malformed Authorization header is a 401', async (t) => {
  const response = await app.inject({ url: '/collections', headers: { authorization: 'Basic abc' } });
  t.equal(response.statusCode, 401);
  t.same(Object.keys(response.json()).sort(), ['code', 'description']);
});

t.test('EOPOOL_READ=keys: reads need a key, except the landing page, conformance, /api and /health', async (t) => {
  const closed = await createTestApp(t, { EOPOOL_READ: 'keys' }, database);
  for (const url of ['/', '/conformance', '/api', '/health']) {
    t.equal((await closed.app.inject({ url })).statusCode, 200, `${url} stays open`);
  }
  t.equal((await closed.app.inject({ url: '/collections' })).statusCode, 401);
  const reader = await closed.auth('reader', 'TJ');
  t.equal((await closed.app.inject({ url: '/collections', headers: reader })).statusCode, 200);
});
