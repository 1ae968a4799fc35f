// `npm run fuzz [-- --inputs N --seed S --timeout MS --workers K --out DIR]`: the long fuzz run
// (issue 7). Bundles test/fuzz/fuzzMain.ts with esbuild, as the test runner does, and runs it.
import { build } from 'esbuild';
import { TEST_BUNDLE } from './bundleOptions.mjs';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const outdir = join(root, 'test', '.out', `fuzz-${process.pid}`);
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
await build({
  entryPoints: [join(root, 'test', 'fuzz', 'fuzzMain.ts')],
  outfile: join(outdir, 'fuzzMain.js'),
  ...TEST_BUNDLE,
});
const args = process.argv.slice(2);
if (!args.includes('--out')) args.push('--out', join(root, 'test', '.out', 'fuzz-findings', new Date().toISOString().replace(/[:.]/g, '-')));
const r = spawnSync(process.execPath, ['--enable-source-maps', join(outdir, 'fuzzMain.js'), ...args], { stdio: 'inherit', cwd: root });
rmSync(outdir, { recursive: true, force: true });
process.exit(r.status ?? 1);
