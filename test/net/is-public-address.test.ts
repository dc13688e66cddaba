import t from 'tap';
import { isPublicAddress } from '../../src/net/index.js';

t.test('public addresses of both families are public', async (t) => {
  for (const address of ['8.8.8.8', '1.1.1.1', '93.184.216.34', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e']) {
    t.ok(isPublicAddress(address), address);
  }
});

t.test('loopback, private, link-local (cloud metadata), CGNAT, multicast, documentation and mapped forms are not', async (t) => {
  for (const address of [
    '127.0.0.1', '127.5.6.7', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1',
    '0.0.0.0', '224.0.0.1', '255.255.255.255', '192.0.2.1', '198.18.0.1', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1',
    'ff02::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:169.254.169.254', '64:ff9b::a00:1', '2001:db8::1', '2002:a00:1::1',
  ]) {
    t.notOk(isPublicAddress(address), address);
  }
  t.notOk(isPublicAddress('example.org'), 'a name is not an address');
});
