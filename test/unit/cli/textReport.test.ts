import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTextReport, summaryLine } from '../../../server/src/features/report/textReport';
import { sampleFindings } from './helpers';

test('text report: grouped by file in order, one line per finding, related indented below, summary', () => {
  const out = formatTextReport(sampleFindings(), { filesChecked: 5 });
  assert.equal(
    out,
    [
      'a/broken.yaml',
      '  1:1  error    This document does not parse  [yaml-syntax]',
      '',
      'a/inventory.yaml',
      '  121:11  info     Port 9090 drops tls.  [port-settings-drop-tls]',
      '',
      'shop/reviews.yaml',
      '  4:5   warning  A tls block without mode means DISABLE.  [empty-tls-means-disable]',
      '  12:7  error    Clients in shop send plaintext to reviews:9080, which requires mTLS.  [plaintext-to-strict]',
      '        ↳ shop/policy.yaml:6:3  STRICT is set here',
      '        ↳ 3:1  the host',
      '',
      '4 findings: 2 errors, 1 warning, 1 info (5 files checked)',
      '',
    ].join('\n'),
  );
});

test('text report: no ANSI escapes unless colour is asked for', () => {
  assert.ok(!formatTextReport(sampleFindings()).includes('\u001b['));
  const coloured = formatTextReport(sampleFindings(), { colour: true });
  assert.ok(coloured.includes('\u001b[31merror'));
  assert.ok(coloured.includes('\u001b[33mwarning'));
  assert.equal(coloured.replace(/\u001b\[\d+m/g, ''), formatTextReport(sampleFindings()));
});

test('text report: nothing found', () => {
  assert.equal(formatTextReport([], { filesChecked: 1 }), 'No findings (1 file checked)\n');
});

test('summary counts per severity, hints only when present', () => {
  const [a, b] = sampleFindings();
  assert.equal(summaryLine([a]), '1 finding: 1 error, 0 warnings, 0 info');
  assert.equal(summaryLine([a, { ...b, severity: 'hint' }]), '2 findings: 1 error, 0 warnings, 0 info, 1 hint');
});

test('multi-line messages stay on one line', () => {
  const [a] = sampleFindings();
  const out = formatTextReport([{ ...a, related: [], message: 'first\n  second' }]);
  assert.ok(out.includes('  12:7  error    first second  [plaintext-to-strict]'));
});
