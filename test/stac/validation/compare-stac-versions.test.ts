import t from 'tap';
import { compareStacVersions } from '../../../src/stac/validation/compare-stac-versions.js';

t.test('orders STAC versions by semver precedence', async (t) => {
  const ordered = ['0.6.0', '0.7.0', '0.8.1', '0.9.0', '1.0.0-beta.1', '1.0.0-beta.2', '1.0.0-rc.1', '1.0.0-rc.4', '1.0.0', '1.1.0-beta.1', '1.1.0', '1.10.0'];
  for (let i = 0; i < ordered.length - 1; i++) {
    const [a, b] = [ordered[i] as string, ordered[i + 1] as string];
    t.ok((compareStacVersions(a, b) as number) < 0, `${a} < ${b}`);
    t.ok((compareStacVersions(b, a) as number) > 0, `${b} > ${a}`);
  }
  t.equal(compareStacVersions('1.0.0-rc.2', '1.0.0-rc.2'), 0);
  t.ok((compareStacVersions('1.0.0-rc.10', '1.0.0-rc.9') as number) > 0, 'numeric pre-release parts compare as numbers');
});

t.test('returns null for strings that are not versions', async (t) => {
  t.equal(compareStacVersions('1.0', '1.1.0'), null);
  t.equal(compareStacVersions('1.1.0', 'latest'), null);
});
