import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as Sarif from 'sarif';
import { RULES } from '../../../server/src/rules/catalogue';
import { findingFingerprint, sarifReport } from '../../../server/src/features/report/sarifReport';
import { finding, sampleFindings } from './helpers';
import { sarifValidator } from './sarifSchema';

const OPTIONS = { toolVersion: '1.2.3', informationUri: 'https://example.com/istio-mtls-doctor', helpBaseUri: 'https://example.com/istio-mtls-doctor', srcRootUri: 'file:///work/repo/' };

function assertValid(log: unknown): void {
  const validate = sarifValidator();
  const ok = validate(log);
  assert.ok(ok, JSON.stringify(validate.errors, null, 2));
}

test('sarif: valid against the SARIF 2.1.0 schema (findings, related locations, empty)', () => {
  assertValid(sarifReport(sampleFindings(), OPTIONS));
  assertValid(sarifReport([], OPTIONS));
  assertValid(sarifReport([finding({ file: 'dir with space/ü.yaml' })], { toolVersion: '0.1.0' }));
});

test('sarif: the schema check does catch a broken log', () => {
  const log = sarifReport(sampleFindings(), OPTIONS) as unknown as { runs: { results: { level: string }[] }[] };
  log.runs[0].results[0].level = 'fatal';
  assert.equal(sarifValidator()(log), false);
});

test('sarif: driver lists every catalogue rule with descriptions, help URI and default level', () => {
  const log = sarifReport([], OPTIONS);
  assert.equal(log.version, '2.1.0');
  assert.ok(log.$schema);
  assert.equal(log.runs.length, 1);
  const driver = log.runs[0].tool.driver;
  assert.equal(driver.name, 'istio-mtls-doctor');
  assert.equal(driver.version, '1.2.3');
  assert.equal(driver.informationUri, 'https://example.com/istio-mtls-doctor');
  const rules = driver.rules ?? [];
  assert.deepEqual(rules.map((r) => r.id), RULES.map((r) => r.id));
  const levels: Record<string, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
  RULES.forEach((info, i) => {
    const r = rules[i];
    assert.equal(r.shortDescription?.text, info.title);
    assert.ok(r.fullDescription?.text.startsWith(info.title));
    assert.equal(r.helpUri, `https://example.com/istio-mtls-doctor#${info.id}`);
    assert.equal(r.defaultConfiguration?.level, levels[info.severity]);
    assert.ok(r.name && /^[A-Z][A-Za-z0-9]*$/.test(r.name));
  });
});

test('sarif: results carry rule, index, level, 1-based region, %SRCROOT% uri and related locations', () => {
  const log = sarifReport(sampleFindings(), OPTIONS);
  const results = log.runs[0].results ?? [];
  assert.deepEqual(results.map((r) => r.ruleId), ['yaml-syntax', 'port-settings-drop-tls', 'empty-tls-means-disable', 'plaintext-to-strict']);
  const rules = log.runs[0].tool.driver.rules ?? [];
  for (const r of results) assert.equal(rules[r.ruleIndex ?? -1]?.id, r.ruleId);
  assert.deepEqual(results.map((r) => r.level), ['error', 'note', 'warning', 'error']);
  const main: Sarif.Result = results[3];
  assert.equal(main.message.text, 'Clients in shop send plaintext to reviews:9080, which requires mTLS.');
  const loc = main.locations?.[0]?.physicalLocation;
  assert.deepEqual(loc?.artifactLocation, { uri: 'shop/reviews.yaml', uriBaseId: '%SRCROOT%' });
  assert.deepEqual(loc?.region, { startLine: 12, startColumn: 7, endLine: 12, endColumn: 20 });
  assert.equal(main.relatedLocations?.length, 2);
  assert.equal(main.relatedLocations?.[0].message?.text, 'STRICT is set here');
  assert.equal(main.relatedLocations?.[0].physicalLocation?.artifactLocation?.uri, 'shop/policy.yaml');
  assert.equal(results[1].relatedLocations, undefined);
  assert.deepEqual(log.runs[0].originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///work/repo/' } });
});

test('sarif: paths are URI references', () => {
  const log = sarifReport([finding({ file: 'dir with space/a#b.yaml' })], OPTIONS);
  assert.equal(log.runs[0].results?.[0].locations?.[0].physicalLocation?.artifactLocation?.uri, 'dir%20with%20space/a%23b.yaml');
});

test('sarif: fingerprints are stable across line moves, distinct per identity and occurrence', () => {
  const fp = (log: Sarif.Log) => (log.runs[0].results ?? []).map((r) => Object.values(r.partialFingerprints ?? {})[0]);
  const a = finding();
  const moved = finding({ range: { start: { line: 40, character: 6 }, end: { line: 40, character: 19 } } });
  assert.deepEqual(fp(sarifReport([a], OPTIONS)), fp(sarifReport([moved], OPTIONS)));
  assert.equal(findingFingerprint(a), findingFingerprint(moved));
  assert.notEqual(findingFingerprint(a), findingFingerprint(finding({ resource: { kind: 'DestinationRule', namespace: 'shop', name: 'ratings' } })));
  assert.notEqual(findingFingerprint(a), findingFingerprint(finding({ message: 'other' })));
  const twice = fp(sarifReport([a, moved], OPTIONS));
  assert.equal(new Set(twice).size, 2);
  for (const f of fp(sarifReport(sampleFindings(), OPTIONS))) assert.match(f, /^[0-9a-f]{64}:\d+$/);
});

test('sarif: without a home page, no informationUri or helpUri', () => {
  const log = sarifReport([], { toolVersion: '0.1.0' });
  assert.equal(log.runs[0].tool.driver.informationUri, undefined);
  assert.ok((log.runs[0].tool.driver.rules ?? []).every((r) => r.helpUri === undefined));
});
