import t from 'tap';
import { assertOutboundAllowed, checkOutboundUrl } from '../../src/net/index.js';

const resolveTo = (addresses: string[]) => async () => addresses;

t.test('an http(s) URL whose host resolves to public addresses only is allowed', async (t) => {
  const url = await assertOutboundAllowed('https://stac.example.org/api', [], resolveTo(['93.184.216.34', '2606:2800:220:1::1']));
  t.equal(url.href, 'https://stac.example.org/api');
});

t.test('other schemes, private literals and names resolving to private addresses are refused', async (t) => {
  for (const url of ['ftp://stac.example.org/', 'file:///etc/passwd', 'gopher://x/']) {
    await t.rejects(assertOutboundAllowed(url, [], resolveTo(['93.184.216.34'])), { code: 'OutboundNotAllowed', message: /only http and https/ }, url);
  }
  for (const url of ['http://127.0.0.1:8080/', 'http://[::1]/', 'http://169.254.169.254/latest/meta-data', 'http://10.0.0.7/']) {
    await t.rejects(assertOutboundAllowed(url, []), { code: 'OutboundNotAllowed', message: /not a public address/ }, url);
  }
  await t.rejects(
    assertOutboundAllowed('http://internal.example.org/', [], resolveTo(['93.184.216.34', '10.1.1.1'])),
    { message: /resolves to 10\.1\.1\.1/ },
    'one private address among public ones is enough to refuse',
  );
  await t.rejects(assertOutboundAllowed('not a url', []), { code: 'OutboundNotAllowed' });
  await t.rejects(
    assertOutboundAllowed('http://nowhere.invalid/', [], async () => {
      throw new Error('ENOTFOUND');
    }),
    { message: /does not resolve/ },
  );
});

t.test('hosts listed in EOPOOL_ALLOWED_HOSTS are allowed whatever they resolve to, by name or with their port', async (t) => {
  t.equal((await assertOutboundAllowed('http://127.0.0.1:9000/stac', ['127.0.0.1'])).host, '127.0.0.1:9000');
  t.ok(await assertOutboundAllowed('http://catalog.internal/', ['catalog.internal'], resolveTo(['10.0.0.5'])));
  t.ok(await assertOutboundAllowed('http://catalog.internal:8080/', ['catalog.internal:8080'], resolveTo(['10.0.0.5'])));
  await t.rejects(assertOutboundAllowed('http://catalog.internal:9090/', ['catalog.internal:8080'], resolveTo(['10.0.0.5'])));
  t.equal(checkOutboundUrl('http://[::1]:8080/', ['::1']).listed, true);
});
