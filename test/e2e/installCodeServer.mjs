// Installs code-server (VS Code 1.100 for the browser) from the npm registry into a cache outside
// the repository and reuses it: ~/.cache/istio-mtls-doctor/code-server-<version>.
//   node test/e2e/installCodeServer.mjs        prints the install folder (the `package/` of the tarball)
// Needs the Debian packages of scripts/install-system-packages.mjs (build deps of the native
// modules, ripgrep, chromium). Native modules are rebuilt against this machine's Node 20.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';

export function codeServerCacheDir(version = CODE_SERVER_VERSION) {
  const base = process.env.ISTIO_MTLS_DOCTOR_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'istio-mtls-doctor');
  return join(base, `code-server-${version}`);
}

function run(cmd, args, cwd, env = {}) {
  const started = Date.now();
  process.stderr.write(`[code-server install] ${cwd}$ ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false', ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd} (exit ${r.status ?? r.signal})`);
  process.stderr.write(`[code-server install]   done in ${Math.round((Date.now() - started) / 1000)} s\n`);
}

/** The folder to run `node out/node/entry.js` in; installs it first when the cache has none. */
export function ensureCodeServer(version = CODE_SERVER_VERSION) {
  const dir = codeServerCacheDir(version);
  const pkg = join(dir, 'package');
  if (existsSync(join(dir, '.installed'))) return pkg;
  const rg = '/usr/bin/rg';
  if (!existsSync(rg)) throw new Error('ripgrep is missing: run `npm run setup:system` (apt-get install ripgrep)');
  mkdirSync(join(dir, '..'), { recursive: true });
  // Build in a scratch folder beside the cache and rename at the end: an interrupted install leaves no half cache.
  const work = mkdtempSync(`${dir}.partial-`);
  try {
    run('npm', ['pack', `code-server@${version}`, '--silent'], work);
    const tgz = readdirSync(work).find((f) => f.endsWith('.tgz'));
    if (!tgz) throw new Error('npm pack produced no tarball');
    run('tar', ['xzf', tgz], work);
    rmSync(join(work, tgz));
    const p = join(work, 'package');
    run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-package-lock'], p);
    run('npm', ['rebuild', 'argon2'], p);
    const vs = join(p, 'lib', 'vscode');
    run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-package-lock'], vs);
    run('npm', ['rebuild', 'kerberos', 'native-watchdog', 'node-pty', '@parcel/watcher', '@vscode/deviceid', '@vscode/spdlog'], vs, { npm_config_yes: 'true' });
    mkdirSync(join(vs, 'node_modules', '@vscode', 'ripgrep', 'bin'), { recursive: true });
    copyFileSync(rg, join(vs, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'));
    rmSync(join(vs, 'node_modules.asar'), { force: true });
    symlinkSync('node_modules', join(vs, 'node_modules.asar'));
    writeFileSync(join(work, '.installed'), `code-server ${version}\n`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(work, dir);
  } catch (e) {
    rmSync(work, { recursive: true, force: true });
    throw e;
  }
  return pkg;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  const pkg = ensureCodeServer();
  process.stderr.write(`[code-server install] ready in ${Math.round((Date.now() - started) / 1000)} s\n`);
  console.log(pkg);
}
