// Writes the shipped bundles with esbuild (tsc -b only type-checks).
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import { OPTIONAL_EXTERNALS } from './bundleOptions.mjs';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning', legalComments: 'none', external: OPTIONAL_EXTERNALS };

await Promise.all([
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'server/out/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js' }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode', ...OPTIONAL_EXTERNALS] }),
]);
chmodSync('server/out/cli.js', 0o755);
