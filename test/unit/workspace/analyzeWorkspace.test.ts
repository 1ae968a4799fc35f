import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, docs, keys } from '../../support/workspace';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../../support/fixtures';
import { parseYamlFile } from '../../../server/src/workspace/parseYamlFile';
import { analyzeWorkspace } from '../../../server/src/workspace/analyzeWorkspace';
import { ancestorFolders, dirOf, joinPath, normalisePath, sharedFolderDepth } from '../../../server/src/workspace/folders';
import { helmChartOfTemplate } from '../../../server/src/workspace/helmTemplates';
import { fileKindOf } from '../../../server/src/workspace/fileKinds';
import type { RuleSet } from '../../../server/src/rules/ruleContext';
import { TEST_NOW } from '../../support/workspace';

const strictShop = docs(
  namespace('shop', { 'istio-injection': 'enabled' }),
  peerAuthentication('shop', 'default', 'STRICT'),
  deployment('shop', 'reviews'),
  service('shop', 'reviews'),
);
const disableDr = destinationRule('shop', 'reviews', 'reviews', '  trafficPolicy:\n    tls:\n      mode: DISABLE\n');

describe('analyzeWorkspace', () => {
  test('the whole engine: a finding located in the file of its resource', () => {
    const f = analyze({ 'app.yaml': strictShop, 'dr.yaml': disableDr });
    const hit = f.filter((x) => x.rule === 'plaintext-to-strict');
    assert.equal(hit.length, 1);
    assert.equal(hit[0].file, 'dr.yaml');
    assert.equal(hit[0].severity, 'error');
    assert.ok(hit[0].related.some((r) => r.file === 'app.yaml'));
  });
  test('the ignore annotation suppresses a rule on its resource', () => {
    const dr = disableDr.replace('  namespace: shop\n', '  namespace: shop\n  annotations:\n    istio-mtls-doctor.io/ignore: "plaintext-to-strict"\n');
    assert.deepEqual(keys(analyze({ 'app.yaml': strictShop, 'dr.yaml': dr }), 'plaintext-to-strict'), []);
    const star = disableDr.replace('  namespace: shop\n', '  namespace: shop\n  annotations:\n    istio-mtls-doctor.io/ignore: "*"\n');
    assert.deepEqual(keys(analyze({ 'app.yaml': strictShop, 'dr.yaml': star }), 'plaintext-to-strict'), []);
  });
  test('a rule set that throws is reported to onRuleError and the others still run', () => {
    const errors: string[] = [];
    const boom: RuleSet = { name: 'boom', ids: [], map: () => { throw new Error('x'); }, files: () => { throw new Error('x'); } };
    const ok: RuleSet = { name: 'ok', ids: [], map: () => [] };
    const findings = analyzeWorkspace(
      { yamlFiles: [parseYamlFile('a.yaml', 'kind: [\n')], certificateFiles: [] },
      { settings: { now: TEST_NOW, certificateExpiryWarningDays: 30 }, ruleSets: [boom, ok], onRuleError: (s) => errors.push(s.name) },
    );
    assert.deepEqual(errors, ['boom']);
    assert.deepEqual(findings.map((f) => f.rule), ['yaml-syntax'], 'input findings are kept');
  });
  test('an empty workspace has no findings', () => {
    assert.deepEqual(analyze({}), []);
  });
  test('a finding is reported once even when its resource is in several analysis contexts', () => {
    const f = analyze({
      'base/app.yaml': strictShop,
      'base/dr.yaml': disableDr,
      'envs/a/x.yaml': peerAuthentication('other', 'p', 'STRICT'),
      'envs/b/x.yaml': peerAuthentication('other', 'p', 'DISABLE'),
    });
    assert.equal(f.filter((x) => x.rule === 'plaintext-to-strict').length, 1);
  });
});

describe('folders', () => {
  test('dirOf and ancestorFolders (innermost first, "" last)', () => {
    assert.equal(dirOf('a/b/c.yaml'), 'a/b');
    assert.equal(dirOf('c.yaml'), '');
    assert.deepEqual(ancestorFolders('a/b/c.yaml'), ['a/b', 'a', '']);
    assert.deepEqual(ancestorFolders('c.yaml'), ['']);
  });
  test('sharedFolderDepth counts common leading folders', () => {
    assert.equal(sharedFolderDepth('envs/prod/a.yaml', 'envs/prod/x/b.yaml'), 2);
    assert.equal(sharedFolderDepth('envs/prod/a.yaml', 'envs/dev/b.yaml'), 1);
    assert.equal(sharedFolderDepth('a.yaml', 'b.yaml'), 0);
    assert.equal(sharedFolderDepth('envs/prodx/a.yaml', 'envs/prod/b.yaml'), 1);
  });
  test('normalisePath and joinPath resolve . and .., keeping leading ..', () => {
    assert.equal(normalisePath('a/./b/../c'), 'a/c');
    assert.equal(normalisePath('../../x'), '../../x');
    assert.equal(joinPath('overlays/prod', '../../base'), 'base');
    assert.equal(joinPath('', 'base/x.yaml'), 'base/x.yaml');
    assert.equal(joinPath('a', '../../b'), '../b');
  });
});

describe('rules.md "files analysed": file kinds and Helm templates', () => {
  test('yaml, yml and kustomization files are manifests; pem and crt are certificates; others are not analysed', () => {
    assert.equal(fileKindOf('a/b.yaml'), 'yaml');
    assert.equal(fileKindOf('a/b.YML'), 'yaml');
    assert.equal(fileKindOf('a/Kustomization'), 'yaml');
    assert.equal(fileKindOf('a\\b\\c.pem'), 'certificate');
    assert.equal(fileKindOf('c.crt'), 'certificate');
    assert.equal(fileKindOf('README.md'), undefined);
    assert.equal(fileKindOf('values.json'), undefined);
  });
  test('rules.md a file under templates/ next to a Chart.yaml is a Helm template', () => {
    const charts = new Set(['charts/app', '.']);
    const has = (folder: string) => charts.has(folder);
    assert.equal(helmChartOfTemplate('charts/app/templates/dr.yaml', has), 'charts/app');
    assert.equal(helmChartOfTemplate('charts/app/templates/tests/t.yaml', has), 'charts/app');
    assert.equal(helmChartOfTemplate('templates/x.yaml', has), '.');
    assert.equal(helmChartOfTemplate('other/templates/x.yaml', has), undefined, 'no Chart.yaml next to templates/');
    assert.equal(helmChartOfTemplate('charts/app/dr.yaml', has), undefined, 'not under templates/');
  });
});
