import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatJsonReport } from '../../../server/src/features/report/jsonReport';
import { finding, sampleFindings } from './helpers';

test('json report: exactly the documented shape and key order', () => {
  const extra = { ...finding(), internal: 'must not leak' };
  const parsed = JSON.parse(formatJsonReport([extra])) as { version: number; findings: Record<string, unknown>[] };
  assert.deepEqual(Object.keys(parsed), ['version', 'findings']);
  assert.equal(parsed.version, 1);
  assert.equal(parsed.findings.length, 1);
  const f = parsed.findings[0];
  assert.deepEqual(Object.keys(f), ['rule', 'severity', 'message', 'file', 'range', 'resource', 'related']);
  assert.deepEqual(f.range, { start: { line: 11, character: 6 }, end: { line: 11, character: 19 } });
  assert.deepEqual(f.resource, { kind: 'DestinationRule', namespace: 'shop', name: 'reviews' });
  assert.deepEqual(f.related, []);
});

test('json report: sorted by file then position; related entries carry file, range, resource, message', () => {
  const shuffled = sampleFindings().reverse();
  const parsed = JSON.parse(formatJsonReport(shuffled)) as { findings: { file: string; rule: string; related: Record<string, unknown>[] }[] };
  assert.deepEqual(parsed.findings.map((f) => `${f.file} ${f.rule}`), [
    'a/broken.yaml yaml-syntax',
    'a/inventory.yaml port-settings-drop-tls',
    'shop/reviews.yaml empty-tls-means-disable',
    'shop/reviews.yaml plaintext-to-strict',
  ]);
  const related = parsed.findings[3].related;
  assert.equal(related.length, 2);
  assert.deepEqual(Object.keys(related[0]), ['file', 'range', 'resource', 'message']);
  assert.equal(related[0].file, 'shop/policy.yaml');
});

test('json report: one object with a final newline, even when empty', () => {
  const out = formatJsonReport([]);
  assert.equal(out, '{\n  "version": 1,\n  "findings": []\n}\n');
});
