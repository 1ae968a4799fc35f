import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempDir, repoRoot, writeTree } from './helpers';
import { sarifValidator } from './sarifSchema';

// Runs the built bundle (`npm run build` first; `npm test` does it).
const CLI = path.join(repoRoot(), 'server', 'out', 'cli.js');

const CLEAN = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n';
const BROKEN = 'kind: PeerAuthentication\nmetadata: {name: default, namespace: shop}\nspec:\n  mtls:\n<<<<<<< HEAD\n    mode: STRICT\n';

function cli(cwd: string, ...argv: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...argv], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function inTree(files: Record<string, string>, body: (dir: string) => void): void {
  const { dir, cleanup } = makeTempDir();
  try {
    writeTree(dir, files);
    body(dir);
  } finally {
    cleanup();
  }
}

test('the bundle exists (run npm run build first)', () => {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing`);
});

test('a clean folder exits 0 with an empty JSON report', () => {
  inTree({ 'ns.yaml': CLEAN }, (dir) => {
    const r = cli(dir, 'check', '--format', 'json', '.');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { version: 1, findings: [] });
    assert.equal(r.stderr, '');
  });
});

test('a YAML syntax error is a yaml-syntax finding and exits 1 (json, text, sarif)', () => {
  inTree({ 'ns.yaml': CLEAN, 'policies/pa.yaml': BROKEN }, (dir) => {
    const json = cli(dir, 'check', '--format', 'json', '--now', '2026-11-22T00:00:00Z', '.');
    assert.equal(json.status, 1, json.stderr);
    const parsed = JSON.parse(json.stdout) as { findings: { rule: string; severity: string; file: string; resource: unknown }[] };
    assert.equal(parsed.findings.length, 1);
    assert.equal(parsed.findings[0].rule, 'yaml-syntax');
    assert.equal(parsed.findings[0].severity, 'error');
    assert.equal(parsed.findings[0].file, 'policies/pa.yaml');

    const text = cli(dir, 'check', 'policies/pa.yaml', './ns.yaml');
    assert.equal(text.status, 1);
    assert.match(text.stdout, /^policies\/pa\.yaml\n {2}\d+:\d+ {2}error {4}.*\[yaml-syntax\]\n/);
    assert.match(text.stdout, /1 finding: 1 error, 0 warnings, 0 info \(2 files checked\)\n$/);
    assert.ok(!text.stdout.includes('\u001b['), 'no colour when stdout is not a terminal');

    const sarif = cli(dir, 'check', '--format', 'sarif', '.');
    assert.equal(sarif.status, 1);
    const log: unknown = JSON.parse(sarif.stdout);
    const validate = sarifValidator();
    assert.ok(validate(log), JSON.stringify(validate.errors));
  });
});

test('--fail-on warning does not turn a clean run into a failure', () => {
  inTree({ 'ns.yaml': CLEAN }, (dir) => {
    assert.equal(cli(dir, 'check', '--fail-on', 'info', '--include-hints', '--root-namespace', 'mesh-root', '.').status, 0);
  });
});

test('Helm templates are skipped quietly end to end', () => {
  inTree({ 'chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n', 'chart/templates/pa.yaml': BROKEN, 'ns.yaml': CLEAN }, (dir) => {
    const r = cli(dir, 'check', '--format', 'json', '.');
    assert.equal(r.status, 0, r.stdout);
    assert.equal(r.stderr, '');
  });
});

for (const [name, argv, pattern] of [
  ['a path that does not exist', ['check', 'missing-folder'], /missing-folder: no such file or folder/],
  ['an unknown option', ['check', '--colour', '.'], /unknown option --colour/],
  ['a bad --now', ['check', '--now', '22/11/2026', '.'], /--now must be an ISO-8601/],
  ['a bad --format', ['check', '--format', 'xml', '.'], /--format must be one of/],
  ['no PATH', ['check'], /at least one PATH/],
  ['no command', [], /no command/],
] as const) {
  test(`exit 2 with a one-line message for ${name}`, () => {
    inTree({ 'ns.yaml': CLEAN }, (dir) => {
      const r = cli(dir, ...argv);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^istio-mtls-doctor: [^\n]+\n$/);
      assert.match(r.stderr, pattern);
    });
  });
}

test('--help and --version exit 0', () => {
  const root = repoRoot();
  const help = cli(root, '--help');
  assert.equal(help.status, 0);
  assert.match(help.stdout, /istio-mtls-doctor check \[options\] PATH\.\.\./);
  const version = cli(root, '--version');
  assert.equal(version.status, 0);
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  assert.equal(version.stdout.trim(), pkg.version);
});

test('unreadable and binary files are warnings on stderr, not failures', () => {
  inTree({ 'ns.yaml': CLEAN, 'blob.yaml': '\u0000\u0001' }, (dir) => {
    const r = cli(dir, 'check', '--format', 'json', '.');
    assert.equal(r.status, 0);
    assert.equal(r.stderr, 'istio-mtls-doctor: warning: skipped blob.yaml: binary file\n');
    assert.deepEqual(JSON.parse(r.stdout), { version: 1, findings: [] });
  });
});
