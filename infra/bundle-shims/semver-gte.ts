// @ts-expect-error semver has no types of its own here (no @types/semver); gte(a, b) returns a boolean
import gte from '../../node_modules/semver/functions/gte.js';

/**
 * Stands in for `semver` in the Lambda bundles (infra/bundling.ts BUNDLE_ALIASES). The X-Ray SDK under
 * Powertools' Tracer and its cls-hooked each bundle a whole copy of semver (28 KB minified together) to
 * call one function, `gte`, on a version string: this gives them semver's own `gte`, without its ranges,
 * coercion and command line. Any other function would be undefined, and the test of this shim says which
 * ones the bundled code calls.
 */
export { gte };
export default { gte };
