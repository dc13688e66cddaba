import { BlockList, isIP } from 'node:net';

/**
 * Address ranges that are not the public Internet (IANA special-purpose registries for IPv4 and
 * IPv6): this host, private networks, carrier-grade NAT, link-local (cloud metadata services live
 * at 169.254.169.254), documentation, benchmarking, multicast and reserved space. IPv4-mapped IPv6
 * addresses (`::ffff:10.0.0.1`) are matched by the IPv4 rules, which BlockList applies to them.
 */
const NOT_PUBLIC = new BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NOT_PUBLIC.addSubnet(prefix, bits, 'ipv4');
}
for (const [prefix, bits] of [
  ['::', 128],
  ['::1', 128],
  // NAT64 and 6to4 embed an IPv4 address that could be private: refused rather than decoded.
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  NOT_PUBLIC.addSubnet(prefix, bits, 'ipv6');
}

/**
 * Whether `address` (an IPv4 or IPv6 literal, without brackets) is a public Internet address.
 * Anything that is not an IP literal is not public.
 *
 * @example
 * isPublicAddress('8.8.8.8');          // true
 * isPublicAddress('169.254.169.254');  // false (link-local: cloud metadata)
 * isPublicAddress('::ffff:127.0.0.1'); // false (IPv4-mapped loopback)
 */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return !NOT_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
