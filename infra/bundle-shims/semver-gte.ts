// Imported by its path, not by `semver/functions/gte.js`: the bundles' alias of `semver` would turn that specifier back
// to this module. @types/semver types the specifier, not the path; gte(a, b) returns a boolean.
// @ts-expect-error no declaration for the path
import gte from '../../node_modules/semver/functions/gte.js';

/**
 * Stands in for `semver` in the Lambda bundles (infra/bundling.ts BUNDLE_ALIASES). The X-Ray SDK under
 * Powertools' Tracer bundles the whole of semver (28 KB minified) to call one function, `gte`, on a version
 * string (patchers/aws_p.js): this gives it semver's own `gte`, without its ranges, coercion and command
 * line. Any other function would be undefined, and the size test (test/infra/bundle-size.test.ts) fails
 * when bundled code calls one.
 */
export { gte };
export default { gte };
