const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/;

/**
 * Orders two STAC version strings by Semantic Versioning 2.0 precedence (`1.0.0-beta.2` <
 * `1.0.0-rc.1` < `1.0.0` < `1.1.0`).
 *
 * @returns a negative number, zero or a positive number as `a` is older than, equal to or newer
 *   than `b`; `null` when either is not a `MAJOR.MINOR.PATCH[-PRERELEASE]` string.
 */
export function compareStacVersions(a: string, b: string): number | null {
  const ma = SEMVER.exec(a);
  const mb = SEMVER.exec(b);
  if (ma === null || mb === null) return null;
  for (let i = 1; i <= 3; i++) {
    const d = Number(ma[i]) - Number(mb[i]);
    if (d !== 0) return d;
  }
  return comparePrerelease(ma[4], mb[4]);
}

function comparePrerelease(a: string | undefined, b: string | undefined): number {
  // A release ranks above any of its pre-releases.
  if (a === undefined || b === undefined) return (a === undefined ? 1 : 0) - (b === undefined ? 1 : 0);
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
    } else if (nx !== ny) {
      return nx ? -1 : 1;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}
