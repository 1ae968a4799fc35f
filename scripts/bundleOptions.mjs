// What every shipped bundle leaves out (scripts/bundle.mjs; tests that rebuild the bundles import it too).

/**
 * Optional packages left out of every bundle. `debug` (via @kubernetes/client-node ->
 * socks-proxy-agent) requires `supports-color` (which requires `has-flag`) inside a try/catch, only
 * to pick terminal colours: both are dev dependencies, so they must not ship. The packaged
 * extension has no node_modules (`vsce package --no-dependencies`): the require throws, `debug`
 * catches it and goes on without colours.
 */
export const OPTIONAL_EXTERNALS = ['supports-color', 'has-flag'];

/** How test code is bundled to run under Node (scripts/run-tests.mjs, and scripts/fuzz.mjs for the long fuzz run). */
export const TEST_BUNDLE = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  packages: 'external',
  logLevel: 'warning',
};
