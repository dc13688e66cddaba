import t from 'tap';
import { webhookSignature } from '../../src/monitoring/index.js';

t.test('X-Eopool-Signature is sha256= and the hex HMAC-SHA256 of the body, as GitHub signs webhooks', async (t) => {
  // GitHub's published test values ("Validating webhook deliveries", docs.github.com).
  t.equal(webhookSignature("It's a Secret to Everybody", 'Hello, World!'), 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17');
  t.not(webhookSignature('another secret', 'Hello, World!'), webhookSignature("It's a Secret to Everybody", 'Hello, World!'));
  t.match(webhookSignature('s', '{"é":1}'), /^sha256=[0-9a-f]{64}$/, 'the body is signed as UTF-8 bytes');
});
