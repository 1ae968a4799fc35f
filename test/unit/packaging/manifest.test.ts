// package.json `contributes` covers what the extension and the server use.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../cli/helpers';
import { DEFAULT_SETTINGS, SETTINGS_SECTION } from '../../../server/src/lsp/settings';
import { RULES } from '../../../server/src/rules/catalogue';

interface Manifest {
  main: string;
  engines: { vscode: string };
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: string | boolean; description?: string } };
  contributes: {
    commands: Array<{ command: string; title: string }>;
    configuration: Array<{ properties: Record<string, { type?: string; markdownDescription?: string; description?: string; enum?: string[]; properties?: Record<string, { enum?: string[] }> }> }>;
    views: Record<string, Array<{ id: string }>>;
    grammars: Array<{ scopeName: string; path: string; language?: string; injectTo?: string[] }>;
    languages: Array<{ id: string }>;
  };
  icon: string;
}

const root = repoRoot();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;

describe('extension manifest', () => {
  test('VS Code 1.100, the bundled client as main, activation on YAML', () => {
    assert.equal(pkg.engines.vscode, '^1.100.0');
    assert.equal(pkg.main, './client/out/extension.js');
    assert.ok(pkg.activationEvents.includes('onLanguage:yaml'));
    assert.ok(pkg.activationEvents.includes('workspaceContains:**/*.{yaml,yml}'));
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.match(pkg.capabilities.untrustedWorkspaces.description ?? '', /cluster/);
    assert.ok(existsSync(join(root, pkg.icon)));
  });

  test('every setting the server reads is contributed, with a description; every rule id has a severity enum', () => {
    const props = Object.assign({}, ...pkg.contributes.configuration.map((c) => c.properties)) as Manifest['contributes']['configuration'][0]['properties'];
    for (const key of Object.keys(DEFAULT_SETTINGS)) {
      const p = props[`${SETTINGS_SECTION}.${key}`];
      assert.ok(p, `${SETTINGS_SECTION}.${key} is contributed`);
      assert.ok((p.markdownDescription ?? p.description ?? '').length > 20, `${key} has a description`);
    }
    const rules = props[`${SETTINGS_SECTION}.rules`].properties ?? {};
    assert.deepEqual(Object.keys(rules).sort(), RULES.map((r) => r.id).sort());
    for (const r of Object.values(rules)) assert.deepEqual(r.enum, ['error', 'warning', 'info', 'hint', 'off']);
  });

  test('every command of the command table is contributed', () => {
    const table = readFileSync(join(root, 'client', 'src', 'commands.ts'), 'utf8');
    const ids = [...table.matchAll(/^ {2}'(istioMtlsDoctor\.[\w.]+)':/gm)].map((m) => m[1]);
    assert.ok(ids.length >= 5);
    const contributed = new Set(pkg.contributes.commands.map((c) => c.command));
    for (const id of ids) assert.ok(contributed.has(id), `${id} is in contributes.commands`);
  });

  test('the Workspace Mesh view, the pem language and both grammars, whose files exist', () => {
    assert.ok(pkg.contributes.views.istioMtlsDoctor.some((v) => v.id === 'istioMtlsDoctor.workspaceMesh'));
    assert.ok(pkg.contributes.languages.some((l) => l.id === 'pem'));
    const injection = pkg.contributes.grammars.find((g) => g.injectTo?.includes('source.yaml'));
    assert.ok(injection);
    assert.ok(pkg.contributes.grammars.some((g) => g.language === 'pem' && g.scopeName === 'source.pem'));
    for (const g of pkg.contributes.grammars) assert.ok(existsSync(join(root, g.path)), g.path);
  });
});
