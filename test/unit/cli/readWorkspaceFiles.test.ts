import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readWorkspaceFiles, WorkspacePathError } from '../../../server/src/workspace/readWorkspaceFiles';
import { fileKindOf } from '../../../server/src/workspace/fileKinds';
import { helmChartOfTemplate } from '../../../server/src/workspace/helmTemplates';
import { lineCounterOf } from '../../../server/src/workspace/textFileLines';
import { makeTempDir, writeTree } from './helpers';

const DR = 'kind: DestinationRule\nmetadata: {name: reviews, namespace: shop}\nspec: {host: reviews}\n';
const TEMPLATE = 'kind: DestinationRule\nmetadata:\n  name: {{ .Release.Name }}\nspec: {host: {{ .Values.host }}}\n';
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

function withTree(files: Record<string, string | Buffer>, body: (dir: string) => void): void {
  const { dir, cleanup } = makeTempDir();
  try {
    writeTree(dir, files);
    body(dir);
  } finally {
    cleanup();
  }
}

const yamlPaths = (r: ReturnType<typeof readWorkspaceFiles>) => r.snapshot.yamlFiles.map((f) => f.path);

test('walks folders for yaml and certificate files, sorted, relative to cwd, skipping node_modules and .git', () => {
  withTree(
    {
      'b/z.yml': DR,
      'b/a.yaml': DR,
      'a.yaml': DR,
      'notes.txt': 'not analysed',
      'certs/root.pem': PEM,
      'certs/leaf.crt': PEM,
      'overlays/Kustomization': 'resources: []\n',
      'node_modules/pkg/x.yaml': DR,
      '.git/config.yaml': DR,
    },
    (dir) => {
      const r = readWorkspaceFiles(['.'], { cwd: dir });
      assert.deepEqual(yamlPaths(r), ['a.yaml', 'b/a.yaml', 'b/z.yml', 'overlays/Kustomization']);
      assert.deepEqual(r.snapshot.certificateFiles.map((c) => c.path), ['certs/leaf.crt', 'certs/root.pem']);
      assert.equal(r.snapshot.certificateFiles[1].text, PEM);
      assert.deepEqual([...r.files.keys()].sort(), ['a.yaml', 'b/a.yaml', 'b/z.yml', 'certs/leaf.crt', 'certs/root.pem', 'overlays/Kustomization']);
      assert.deepEqual(r.skipped, []);
      assert.equal(r.snapshot.yamlFiles[0].documents.length, 1);
    },
  );
});

test('explicit paths are shown normalised and relative; overlapping paths read each file once', () => {
  withTree({ 'a.yaml': DR, 'sub/b.yaml': DR, 'sub/c.json': '{"kind": "Namespace", "metadata": {"name": "x"}}' }, (dir) => {
    const r = readWorkspaceFiles(['./a.yaml', 'sub', path.join(dir, 'sub/b.yaml'), 'sub/../sub/c.json'], { cwd: dir });
    assert.deepEqual(yamlPaths(r), ['a.yaml', 'sub/b.yaml', 'sub/c.json']);
    const outside = readWorkspaceFiles([path.join(dir, 'sub')], { cwd: path.join(dir, 'sub', '..', 'sub') });
    assert.deepEqual(yamlPaths(outside), ['b.yaml']);
  });
});

test('a path that does not exist is an error naming it', () => {
  withTree({ 'a.yaml': DR }, (dir) => {
    assert.throws(() => readWorkspaceFiles(['a.yaml', 'missing'], { cwd: dir }), (e: unknown) => e instanceof WorkspacePathError && e.message === 'missing: no such file or folder');
  });
});

test('Helm templates next to Chart.yaml are skipped quietly (nested folders too); templates/ without a chart is analysed', () => {
  withTree(
    {
      'chart/Chart.yaml': 'apiVersion: v2\nname: inventory\nversion: 0.1.0\n',
      'chart/values.yaml': 'host: db\n',
      'chart/templates/dr.yaml': TEMPLATE,
      'chart/templates/plain.yaml': DR,
      'chart/templates/tests/smoke.yaml': TEMPLATE,
      'chart/templates/ca.pem': PEM,
      'rendered/inventory/templates/dr.yaml': DR,
    },
    (dir) => {
      const r = readWorkspaceFiles(['.'], { cwd: dir });
      const byPath = new Map(r.snapshot.yamlFiles.map((f) => [f.path, f]));
      for (const p of ['chart/templates/dr.yaml', 'chart/templates/plain.yaml', 'chart/templates/tests/smoke.yaml']) {
        const f = byPath.get(p);
        assert.ok(f, p);
        assert.ok(f.skipped && /Helm/.test(f.skipped), p);
        assert.equal(f.documents.length, 0);
      }
      assert.equal(byPath.get('chart/Chart.yaml')?.skipped, undefined);
      assert.equal(byPath.get('chart/values.yaml')?.skipped, undefined);
      assert.equal(byPath.get('rendered/inventory/templates/dr.yaml')?.skipped, undefined);
      assert.equal(byPath.get('rendered/inventory/templates/dr.yaml')?.documents.length, 1);
      assert.deepEqual(r.snapshot.certificateFiles, []);
      assert.deepEqual(r.skipped, [], 'quietly: no notes');
      // Named explicitly, or when the walk starts inside the chart, a template is still a template.
      const inside = readWorkspaceFiles(['.'], { cwd: path.join(dir, 'chart', 'templates') });
      assert.ok(inside.snapshot.yamlFiles.every((f) => f.skipped));
      const named = readWorkspaceFiles(['chart/templates/plain.yaml'], { cwd: dir });
      assert.ok(named.snapshot.yamlFiles[0].skipped);
    },
  );
});

test('helmChartOfTemplate looks at every templates folder above the file', () => {
  const charts = new Set(['/r/chart', '.']);
  const has = (f: string) => charts.has(f);
  assert.equal(helmChartOfTemplate('/r/chart/templates/a.yaml', has), '/r/chart');
  assert.equal(helmChartOfTemplate('/r/chart/templates/tests/a.yaml', has), '/r/chart');
  assert.equal(helmChartOfTemplate('/r/other/templates/a.yaml', has), undefined);
  assert.equal(helmChartOfTemplate('/r/chart/templates', has), undefined);
  assert.equal(helmChartOfTemplate('templates/a.yaml', has), '.');
});

test('symbolic link loops end; linked files are read once', { skip: process.platform === 'win32' }, () => {
  withTree({ 'a/x.yaml': DR, 'b/y.yaml': DR }, (dir) => {
    fs.symlinkSync('..', path.join(dir, 'a', 'loop'));
    fs.symlinkSync(path.join(dir, 'a'), path.join(dir, 'b', 'to-a'));
    fs.symlinkSync(path.join(dir, 'b', 'y.yaml'), path.join(dir, 'b', 'link.yaml'));
    fs.symlinkSync(path.join(dir, 'gone.yaml'), path.join(dir, 'b', 'dangling.yaml'));
    const r = readWorkspaceFiles(['.'], { cwd: dir });
    assert.deepEqual(yamlPaths(r), ['a/x.yaml', 'b/y.yaml']);
    assert.ok(r.skipped.some((n) => n.path === 'b/to-a' && /already walked/.test(n.reason)));
    assert.ok(r.skipped.some((n) => n.path === 'a/loop' && /already walked/.test(n.reason)));
    assert.ok(r.skipped.some((n) => n.path === 'b/dangling.yaml' && /broken symbolic link/.test(n.reason)));
  });
});

test('binary, non-UTF-8, UTF-16 and oversized files are skipped with a reason; a BOM is stripped', () => {
  withTree(
    {
      'binary.yaml': Buffer.from([0x6b, 0x3a, 0x00, 0x01, 0x02]),
      'latin1.yaml': Buffer.from('name: caf\xe9\n', 'latin1'),
      'utf16.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('kind: A\n', 'utf16le')]),
      'big.yaml': `kind: ConfigMap\ndata: {x: "${'x'.repeat(2000)}"}\n`,
      'bom.yaml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(DR)]),
    },
    (dir) => {
      const notes: string[] = [];
      const r = readWorkspaceFiles(['.'], { cwd: dir, maxFileBytes: 1024, onSkip: (n) => notes.push(n.path) });
      assert.deepEqual(yamlPaths(r), ['bom.yaml']);
      const reasons = Object.fromEntries(r.skipped.map((n) => [n.path, n.reason]));
      assert.deepEqual(Object.keys(reasons), ['big.yaml', 'binary.yaml', 'latin1.yaml', 'utf16.yaml']);
      assert.match(reasons['big.yaml'], /larger than 1 KB/);
      assert.equal(reasons['binary.yaml'], 'binary file');
      assert.equal(reasons['latin1.yaml'], 'not UTF-8 text');
      assert.match(reasons['utf16.yaml'], /UTF-16/);
      assert.deepEqual(notes.sort(), Object.keys(reasons));
      const bom = r.snapshot.yamlFiles[0];
      assert.equal(bom.textLength, DR.length);
      assert.deepEqual(bom.documents[0].value, { kind: 'DestinationRule', metadata: { name: 'reviews', namespace: 'shop' }, spec: { host: 'reviews' } });
    },
  );
});

test('the default size limit is 5 MB', () => {
  withTree({ 'huge.yaml': 'a: ' + 'x'.repeat(5 * 1024 * 1024) + '\n' }, (dir) => {
    const r = readWorkspaceFiles(['.'], { cwd: dir });
    assert.deepEqual(yamlPaths(r), []);
    assert.match(r.skipped[0].reason, /larger than 5 MB/);
  });
});

test('an unreadable file found by the walk is skipped with a note, not a crash', { skip: process.platform === 'win32' || process.getuid?.() === 0 }, () => {
  withTree({ 'ok.yaml': DR, 'secret.yaml': DR }, (dir) => {
    fs.chmodSync(path.join(dir, 'secret.yaml'), 0o000);
    const r = readWorkspaceFiles(['.'], { cwd: dir });
    assert.deepEqual(yamlPaths(r), ['ok.yaml']);
    assert.deepEqual(r.skipped, [{ path: 'secret.yaml', reason: 'cannot read: permission denied' }]);
    assert.throws(() => readWorkspaceFiles(['secret.yaml'], { cwd: dir }), WorkspacePathError);
  });
});

test('DER certificate files are kept byte for byte; certificate files get a line index', () => {
  const der = Buffer.from([0x30, 0x82, 0x01, 0x0a, 0x00, 0xff, 0x80]);
  withTree({ 'root.crt': der, 'ca.pem': 'line one\r\nline two\nthree' }, (dir) => {
    const r = readWorkspaceFiles(['.'], { cwd: dir });
    const crt = r.snapshot.certificateFiles.find((c) => c.path === 'root.crt');
    assert.ok(crt);
    assert.deepEqual(Buffer.from(crt.text, 'latin1'), der);
    const pem = r.files.get('ca.pem');
    assert.ok(pem);
    assert.deepEqual(pem.documents, []);
    assert.deepEqual(pem.lineCounter.linePos(12), { line: 2, col: 3 });
    assert.deepEqual(pem.lineCounter.linePos(19), { line: 3, col: 1 });
  });
});

test('lineCounterOf knows \\n, \\r\\n and \\r line breaks', () => {
  const lc = lineCounterOf('a\nb\r\nc\rd');
  assert.deepEqual(lc.lineStarts, [0, 2, 5, 7]);
});

test('file kinds by name', () => {
  assert.equal(fileKindOf('a/b.yaml'), 'yaml');
  assert.equal(fileKindOf('B.YML'), 'yaml');
  assert.equal(fileKindOf('x/kustomization.yaml'), 'yaml');
  assert.equal(fileKindOf('x/Kustomization'), 'yaml');
  assert.equal(fileKindOf('tls.crt'), 'certificate');
  assert.equal(fileKindOf('root-cert.pem'), 'certificate');
  assert.equal(fileKindOf('_helpers.tpl'), undefined);
  assert.equal(fileKindOf('README.md'), undefined);
});
