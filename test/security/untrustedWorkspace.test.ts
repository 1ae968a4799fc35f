// Issue 7 "Security": untrusted workspaces. No program runs (test/security/noNetwork.test.ts
// blocks child_process in the server bundle and plants a kubeconfig with an exec command); no
// setting from the workspace names an executable or a path outside it; the server reads nothing
// outside the workspace folders, whatever the settings or the links in the workspace say.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, isAbsolute } from 'node:path';
import { readSettings, DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { startTestServer, type TestServer } from '../robustness/support/server';
import { repoRoot } from '../robustness/support/cli';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../support/fixtures';
import { docs } from '../support/workspace';
import { testPki } from '../support/pki';

const APP = docs(namespace('shop', { 'istio-injection': 'enabled' }), deployment('shop', 'web'), deployment('shop', 'reviews'), service('shop', 'reviews'), peerAuthentication('shop', 'default', 'STRICT'));
const DR = (name: string) => destinationRule('shop', name, 'reviews', '  trafficPolicy:\n    tls:\n      mode: DISABLE\n');

/** Records every path the real `fs.promises` is asked about, until restored. */
function recordPaths(): { paths: string[]; restore: () => void } {
  const p = fs.promises as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const paths: string[] = [];
  const saved = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  for (const name of ['readFile', 'readdir', 'stat', 'lstat', 'realpath', 'open', 'opendir']) {
    const original = p[name];
    if (typeof original !== 'function') continue;
    saved.set(name, original);
    p[name] = (...args: unknown[]) => {
      if (typeof args[0] === 'string') paths.push(args[0]);
      return original.apply(fs.promises, args);
    };
  }
  return { paths, restore: () => { for (const [name, f] of saved) p[name] = f; } };
}

const outside = (root: string, paths: readonly string[]) => paths.filter((p) => {
  const rel = relative(realpathSync(root), p.startsWith(root) ? join(realpathSync(root), relative(root, p)) : p);
  return rel.startsWith('..') || isAbsolute(rel);
});

describe('untrusted workspaces: settings', () => {
  test('the server\u2019s settings are exactly these; none names an executable, a command or a path (a new one needs a review here)', () => {
    assert.deepEqual(Object.keys(DEFAULT_SETTINGS).sort(), ['certificateExpiryWarningDays', 'exclude', 'include', 'maxFileSizeMB', 'rootNamespace', 'rules', 'trustDomain', 'trustDomainAliases']);
    const hostile = '/bin/sh -c "touch /tmp/x"';
    const s = readSettings({
      rootNamespace: hostile, trustDomain: hostile, trustDomainAliases: [hostile], certificateExpiryWarningDays: hostile, rules: { [hostile]: 'error', 'plaintext-to-strict': hostile },
      include: ['/etc/**', '../**'], exclude: 7, maxFileSizeMB: -1, kubectlPath: '/usr/bin/kubectl', kubeconfig: '/root/.kube/config', command: 'rm -rf /', serverPath: '/tmp/evil.js',
    });
    assert.deepEqual(Object.keys(s).sort(), Object.keys(DEFAULT_SETTINGS).sort(), 'unknown keys are dropped');
    assert.deepEqual(s.rules, {}, 'unknown rule ids and unknown severities are dropped');
    assert.equal(s.maxFileSizeMB, DEFAULT_SETTINGS.maxFileSizeMB, 'a negative size falls back to the default');
    assert.deepEqual(s.exclude, DEFAULT_SETTINGS.exclude, 'a malformed exclude falls back to the default');
  });

  test('package.json: Restricted Mode is declared, and no contributed setting names an executable, a command line or a file path', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as {
      capabilities?: { untrustedWorkspaces?: { supported?: boolean | string; restrictedConfigurations?: string[] } };
      contributes?: { configuration?: unknown };
    };
    const trust = pkg.capabilities?.untrustedWorkspaces;
    assert.ok(trust && (trust.supported === 'limited' || trust.supported === true), JSON.stringify(trust));
    const sections = ([] as Array<{ properties?: Record<string, { type?: string; description?: string; markdownDescription?: string; scope?: string }> }>).concat((pkg.contributes?.configuration ?? []) as never);
    const suspicious: string[] = [];
    for (const section of sections) {
      for (const [key, p] of Object.entries(section.properties ?? {})) {
        const text = `${key} ${p.description ?? ''} ${p.markdownDescription ?? ''}`;
        const namesAProgram = /\b(path to|executable|binary|command line|kubectl path|helm path|program to run|shell)\b/i.test(text) || /(Path|Command|Executable|Binary)$/.test(key);
        const restricted = trust?.restrictedConfigurations?.includes(key) || p.scope === 'machine' || p.scope === 'application';
        if (namesAProgram && !restricted) suspicious.push(key);
      }
    }
    assert.deepEqual(suspicious, []);
  });
});

describe('untrusted workspaces: the server reads nothing outside the workspace', () => {
  const servers: TestServer[] = [];
  const dirs: string[] = [];
  after(async () => {
    for (const s of servers) await s.dispose();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test('include globs that point outside (absolute, `..`, `/**`) read nothing outside the workspace folder', { timeout: 30_000 }, async () => {
    const rec = recordPaths();
    try {
      const server = await startTestServer({ 'app.yaml': APP, 'dr.yaml': DR('reviews') }, { settings: { include: ['/etc/**', '../**', '**/../../**', '/**', '**/*.yaml'], exclude: ['../**'] } });
      servers.push(server);
      await server.waitFor(() => server.rules('dr.yaml').includes('plaintext-to-strict'), 'the workspace to be analysed');
      assert.deepEqual(outside(server.root, rec.paths), []);
    } finally {
      rec.restore();
    }
  });

  test('a symbolic link from the workspace to a folder outside it is not followed (nothing read there, nothing reported from there)', { skip: process.platform === 'win32', timeout: 30_000 }, async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'mtls-outside-'));
    dirs.push(elsewhere);
    writeFileSync(join(elsewhere, 'secret-dr.yaml'), DR('outside'));
    writeFileSync(join(elsewhere, 'ca.pem'), testPki().root.pem);
    const rec = recordPaths();
    try {
      const server = await startTestServer({ 'app.yaml': APP, 'dr.yaml': DR('reviews') }, { prepare: (root) => symlinkSync(elsewhere, join(root, 'linked')) });
      servers.push(server);
      await server.settle();
      assert.deepEqual([...server.diagnostics.keys()].filter((u) => u.includes('/linked/')), [], 'nothing reported from behind the link');
      assert.deepEqual(server.session.store.paths().filter((p) => p.startsWith('linked/')), [], 'no file behind the link is in the analysis');
      assert.deepEqual(outside(server.root, rec.paths).filter((p) => p.startsWith(realpathSync(elsewhere))), [], 'nothing behind the link was read');
    } finally {
      rec.restore();
    }
  });
});
