/**
 * Outbound HTTP under eopool's rule (webhooks, harvests, GeoTIFF reads): http(s) to public
 * addresses only, unless the host is listed in EOPOOL_ALLOWED_HOSTS; timeouts, retries with
 * backoff and Retry-After, redirects re-checked hop by hop.
 */
export { assertOutboundAllowed, checkOutboundUrl, type ResolveHost } from './assert-outbound-allowed.js';
export { isPublicAddress } from './is-public-address.js';
export {
  createOutboundClient,
  DEFAULT_RETRY,
  type OutboundClient,
  type OutboundRequest,
  type OutboundResponse,
  type RetryEvent,
  type RetryPolicy,
} from './outbound-client.js';
export { OutboundError } from './outbound-error.js';
export { retryAfterMs } from './retry-after-ms.js';
