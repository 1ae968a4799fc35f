// `npm run test:e2e`: installs code-server (cached under ~/.cache/istio-mtls-doctor), packages the
// extension, and runs test/e2e/*.test.ts against it in Debian's Chromium. Screenshots: test-results/.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCodeServer } from './installCodeServer.mjs';

const root = new URL('../..', import.meta.url).pathname;
const started = Date.now();
const seconds = () => Math.round((Date.now() - started) / 1000);
const chromium = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium}: run \`npm run setup:system\` (apt-get install chromium) or set E2E_CHROMIUM`);
  process.exit(1);
}
const codeServerDir = ensureCodeServer();
console.log(`code-server ready (${seconds()} s): ${codeServerDir}`);

const run = (cmd, args, env = {}) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const vsix = join(root, `${name}-${version}.vsix`);
if (!existsSync(join(root, 'server', 'out', 'server.js')) || !existsSync(join(root, 'client', 'out', 'extension.js'))) run('npm', ['run', 'build']);
run('npx', ['vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsix]);
console.log(`packaged ${vsix} (${seconds()} s)`);
run(process.execPath, [join(root, 'scripts', 'run-tests.mjs'), ...process.argv.slice(2)], { TEST_SUITES: 'e2e', E2E_CODE_SERVER_DIR: codeServerDir, E2E_VSIX: vsix, E2E_CHROMIUM: chromium });
console.log(`e2e suite finished in ${seconds()} s`);
