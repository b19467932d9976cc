import { describe, expect, it } from 'vitest';
import semver from 'semver';
import shim, { gte } from '../../../infra/bundle-shims/semver-gte';

describe("the bundles' semver stand-in (infra/bundle-shims/semver-gte.ts)", () => {
  const pairs: Array<[string, string]> = [
    ['24.21.0', '8.0.0'],
    ['8.0.0', '8.0.0'],
    ['7.10.1', '8.0.0'],
    ['2.7.15', '2.7.15'],
    ['2.7.9', '2.7.15'],
    ['3.0.0-rc.1', '3.0.0'],
    ['3.0.0', '3.0.0-rc.1'],
  ];

  it.each(pairs)('answers gte(%s, %s) as semver does', (a, b) => {
    expect(gte(a, b)).toBe(semver.gte(a, b));
    expect(shim.gte(a, b)).toBe(semver.gte(a, b));
  });

  it('refuses what semver refuses', () => {
    expect(() => gte('not a version', '1.0.0')).toThrow(TypeError);
  });
});
