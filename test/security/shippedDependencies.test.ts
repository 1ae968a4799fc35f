// Issue 7 "Security": what the extension ships. The VS Code package holds the esbuild bundles
// (`vsce package --no-dependencies`), so the shipped third-party code is exactly the packages
// esbuild puts into server/out/server.js, server/out/cli.js and client/out/extension.js. This
// lists them with their versions and licences (CI prints it), and checks each comes from the
// lock file as a production dependency. `npm audit --omit=dev` needs the registry's audit
// endpoint: run with MTLS_NPM_AUDIT=1 where it is reachable (it fails the test on a high or
// critical advisory); without it the list below is what to check by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from '../robustness/support/cli';

const root = repoRoot();
const ENTRY_POINTS = ['server/src/server.ts', 'server/src/cli.ts', 'client/src/extension.ts'];

interface Shipped {
  readonly name: string;
  readonly version: string;
  readonly license: string;
  /** Folder under node_modules (nested for a second copy). */
  readonly folder: string;
  readonly bytes: number;
  readonly bundles: Set<string>;
}

/** `node_modules/a/node_modules/@s/b/x.js` -> `node_modules/a/node_modules/@s/b`. */
function packageFolder(input: string): string | undefined {
  const parts = input.split('/');
  let at = -1;
  for (let i = 0; i < parts.length; i++) if (parts[i] === 'node_modules') at = i;
  if (at < 0) return undefined;
  const scoped = parts[at + 1]?.startsWith('@');
  return parts.slice(0, at + (scoped ? 3 : 2)).join('/');
}

async function shippedPackages(): Promise<Shipped[]> {
  // The bundles leave out what scripts/bundle.mjs leaves out: build them the same way.
  const { OPTIONAL_EXTERNALS } = await import('../../scripts/bundleOptions.mjs');
  const byFolder = new Map<string, Shipped>();
  for (const entry of ENTRY_POINTS) {
    const r = await build({ entryPoints: [join(root, entry)], bundle: true, platform: 'node', target: 'node20', format: 'cjs', write: false, metafile: true, external: ['vscode', ...OPTIONAL_EXTERNALS], logLevel: 'silent', absWorkingDir: root });
    for (const [input, info] of Object.entries(r.metafile.inputs)) {
      const folder = packageFolder(input);
      if (!folder) continue;
      let s = byFolder.get(folder);
      if (!s) {
        const pkg = JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8')) as { name: string; version: string; license?: string | { type?: string } };
        const license = typeof pkg.license === 'string' ? pkg.license : pkg.license?.type ?? '(none)';
        s = { name: pkg.name, version: pkg.version, license, folder, bytes: 0, bundles: new Set() };
        byFolder.set(folder, s);
      }
      byFolder.set(folder, { ...s, bytes: s.bytes + info.bytes });
      byFolder.get(folder)?.bundles.add(entry);
    }
  }
  return [...byFolder.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.folder < b.folder ? -1 : 1));
}

test('shipped third-party code: listed with versions and licences; each a locked production dependency', { timeout: 120_000 }, async (t) => {
  const shipped = await shippedPackages();
  t.diagnostic(`shipped packages (${shipped.length}), from the esbuild metafiles of ${ENTRY_POINTS.join(', ')}:`);
  for (const s of shipped) t.diagnostic(`  ${s.name}@${s.version}  ${s.license}  ${(s.bytes / 1024).toFixed(0)} kB  in ${[...s.bundles].map((b) => b.split('/').pop()).join(', ')}${s.folder.split('node_modules').length > 2 ? `  (nested: ${s.folder})` : ''}`);
  assert.ok(shipped.some((s) => s.name === 'vscode-languageserver'), 'the server bundle holds vscode-languageserver (sanity)');

  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; dev?: boolean; devOptional?: boolean; resolved?: string; integrity?: string }> };
  const problems: string[] = [];
  for (const s of shipped) {
    const entry = lock.packages[s.folder];
    if (!entry) problems.push(`${s.folder} is not in package-lock.json`);
    else {
      if (entry.version !== s.version) problems.push(`${s.name}: installed ${s.version}, locked ${String(entry.version)}`);
      if (entry.dev) problems.push(`${s.name}@${s.version} is a dev dependency but is bundled into ${[...s.bundles].join(', ')}`);
      if (!entry.integrity) problems.push(`${s.name}@${s.version} has no integrity hash in the lock file`);
    }
    if (s.license === '(none)') problems.push(`${s.name}@${s.version} declares no licence`);
  }
  assert.deepEqual(problems, []);
});

test('npm audit --omit=dev: no high or critical advisory (set MTLS_NPM_AUDIT=1 where the registry audit endpoint is reachable)', { skip: process.env.MTLS_NPM_AUDIT === '1' ? false : 'MTLS_NPM_AUDIT is not 1: the audit endpoint is not reachable here (it answers 405); the shipped list above is printed instead', timeout: 120_000 }, (t) => {
  assert.ok(existsSync(join(root, 'package-lock.json')));
  const r = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8', timeout: 100_000 });
  let report: { metadata?: { vulnerabilities?: Record<string, number> }; error?: { summary?: string } };
  try {
    report = JSON.parse(r.stdout) as typeof report;
  } catch {
    assert.fail(`npm audit did not answer with JSON (status ${String(r.status)}): ${r.stderr.slice(0, 500)}`);
  }
  assert.equal(report.error, undefined, `npm audit failed: ${JSON.stringify(report.error)}`);
  const v = report.metadata?.vulnerabilities ?? {};
  t.diagnostic(`npm audit --omit=dev: ${JSON.stringify(v)}`);
  assert.equal((v.high ?? 0) + (v.critical ?? 0), 0, JSON.stringify(v));
});
