import dns from 'node:dns';
import { isIP } from 'node:net';
import { InvalidRequestError } from '../errors.js';
import { isPublicAddress } from './is-public-address.js';

/** Every address a host name resolves to. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

const resolveWithSystem: ResolveHost = async (hostname) =>
  (await dns.promises.lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/**
 * Check the parts of an outbound URL that need no name resolution: the scheme is http or https,
 * and a literal IP host is public unless listed. Returns the parsed URL and whether its host is
 * listed in `allowedHosts` (matched as `host` or `host:port`, case-insensitively); a listed host
 * is trusted whatever it resolves to.
 *
 * @throws InvalidRequestError `OutboundNotAllowed` naming the reason
 */
export function checkOutboundUrl(url: string | URL, allowedHosts: readonly string[]): { url: URL; listed: boolean } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw refused(`"${String(url)}" is not an absolute URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw refused(`only http and https URLs may be fetched, not ${parsed.protocol.replace(/:$/, '')}`);
  }
  const hostname = bareHostname(parsed);
  const listed = allowedHosts.some((entry) => entry === hostname || entry === parsed.host.toLowerCase());
  if (!listed && isIP(hostname) !== 0 && !isPublicAddress(hostname)) {
    throw refused(`${hostname} is not a public address; list it in EOPOOL_ALLOWED_HOSTS to allow it`);
  }
  return { url: parsed, listed };
}

/**
 * The outbound rule of webhooks, harvests and GeoTIFF reads, checked when such a URL is accepted:
 * an http(s) URL whose host resolves only to public addresses, or whose host is listed in
 * EOPOOL_ALLOWED_HOSTS. Requests re-check every hop and connection (see `createOutboundClient`),
 * since DNS answers and redirects can change after this check.
 *
 * @param resolve name resolution (the system resolver unless a test supplies one)
 * @throws InvalidRequestError `OutboundNotAllowed` naming the reason
 */
export async function assertOutboundAllowed(
  url: string | URL,
  allowedHosts: readonly string[],
  resolve: ResolveHost = resolveWithSystem,
): Promise<URL> {
  const checked = checkOutboundUrl(url, allowedHosts);
  const hostname = bareHostname(checked.url);
  if (checked.listed || isIP(hostname) !== 0) return checked.url;
  let addresses: string[];
  try {
    addresses = await resolve(hostname);
  } catch (error) {
    throw refused(`${hostname} does not resolve (${(error as Error).message})`);
  }
  const inner = addresses.find((a) => !isPublicAddress(a));
  if (addresses.length === 0 || inner !== undefined) {
    throw refused(`${hostname} resolves to ${inner ?? 'no address'}, which is not a public address; list the host in EOPOOL_ALLOWED_HOSTS to allow it`);
  }
  return checked.url;
}

/** The URL's host name, lower case, without the brackets of an IPv6 literal. */
function bareHostname(url: URL): string {
  return url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
}

function refused(reason: string): InvalidRequestError {
  return new InvalidRequestError('OutboundNotAllowed', `outbound request refused: ${reason}`);
}
