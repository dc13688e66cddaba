import dns, { type LookupAddress, type LookupOptions } from 'node:dns';
import { isPublicAddress } from './is-public-address.js';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** The `lookup` option of `net.connect`, as Node's HTTP agents call it. */
export type ConnectLookup = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

/**
 * A `lookup` for outbound connections that refuses host names resolving to any non-public address,
 * unless the host is listed. Checking the address actually connected to (rather than an earlier
 * resolution) closes the gap a DNS answer that changes between check and use would open.
 */
export function guardedLookup(allowedHosts: readonly string[]): ConnectLookup {
  // A `host:port` entry lists the host; the port was checked against the URL before connecting.
  const listed = new Set(allowedHosts.map((entry) => entry.replace(/^\[(.*)\](:\d+)?$/, '$1').replace(/^([^:]+):\d+$/, '$1')));
  return (hostname, options, callback) => {
    const name = hostname.toLowerCase();
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error !== null) return callback(error, []);
      const inner = listed.has(name) ? undefined : addresses.find((a) => !isPublicAddress(a.address));
      if (inner !== undefined) {
        const refused: NodeJS.ErrnoException = new Error(
          `outbound request refused: ${hostname} resolves to ${inner.address}, which is not a public address`,
        );
        refused.code = 'EOUTBOUNDREFUSED';
        return callback(refused, []);
      }
      if (options.all === true) return callback(null, addresses);
      const first = addresses[0];
      if (first === undefined) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
      callback(null, first.address, first.family);
    });
  };
}
