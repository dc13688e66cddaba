import { createHmac } from 'node:crypto';

/** The header that carries a webhook body's signature. */
export const SIGNATURE_HEADER = 'x-eopool-signature';

/**
 * The `X-Eopool-Signature` value of a webhook body: `sha256=` and the lower-case hex HMAC-SHA256
 * of the body's exact bytes (UTF-8) keyed with the watch's secret, as GitHub signs its webhooks.
 * A receiver recomputes it over the raw body and compares in constant time.
 *
 * @example
 * webhookSignature("It's a Secret to Everybody", 'Hello, World!'); // GitHub's published example
 * // 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17'
 */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}
