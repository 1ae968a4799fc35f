// Bundles each test file with esbuild and runs them with Node's test runner.
//   node scripts/run-tests.mjs [filter]   (filter: substring of the test file path)
import { build } from 'esbuild';
import { TEST_BUNDLE } from './bundleOptions.mjs';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
// One output folder per run, so that concurrent runs do not delete each other's bundles.
const outdir = join(root, 'test', '.out', String(process.pid));
const suites = (process.env.TEST_SUITES ?? 'unit,lsp,cluster,robustness,security,fuzz').split(',');
const filter = process.argv[2];

function walk(dir) {
  let out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(walk(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const files = suites
  .flatMap((s) => { try { return walk(join(root, 'test', s)); } catch { return []; } })
  .filter((f) => !filter || f.includes(filter))
  .sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: files,
  outdir,
  outbase: join(root, 'test'),
  ...TEST_BUNDLE,
});
const outputs = files.map((f) => join(outdir, relative(join(root, 'test'), f)).replace(/\.ts$/, '.js'));
const r = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-reporter=spec', ...outputs], { stdio: 'inherit', cwd: root });
rmSync(outdir, { recursive: true, force: true });
process.exit(r.status ?? 1);
