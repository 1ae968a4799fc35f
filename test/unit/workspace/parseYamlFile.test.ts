import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlFile } from '../../../server/src/workspace/parseYamlFile';
import { fileContribution } from '../../../server/src/workspace/fileResources';
import { collectResources } from '../../../server/src/workspace/analyzeWorkspace';
import { analyze, docs, keys } from '../../support/workspace';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../../support/fixtures';

const contribution = (text: string, path = 'a.yaml') => fileContribution(parseYamlFile(path, text));
const names = (text: string) => contribution(text).resources.map((r) => `${r.kind}/${r.namespace}/${r.name}`);

/** A namespace `shop` whose reviews workload is injected and STRICT; a DR in `extra` decides the finding. */
const strictShop = docs(
  namespace('shop', { 'istio-injection': 'enabled' }),
  peerAuthentication('shop', 'default', 'STRICT'),
  deployment('shop', 'reviews'),
  service('shop', 'reviews'),
);
const disableDr = (name = 'reviews') => destinationRule('shop', name, 'reviews', '  trafficPolicy:\n    tls:\n      mode: DISABLE\n');

describe('multi-document parsing', () => {
  test('parseYamlFile keeps every document with its span, in order', () => {
    const text = 'kind: A\nmetadata: {name: a}\n---\nkind: B\nmetadata: {name: b}\n';
    const f = parseYamlFile('x.yaml', text);
    assert.equal(f.path, 'x.yaml');
    assert.equal(f.textLength, text.length);
    assert.deepEqual(f.documents.map((d) => d.index), [0, 1]);
    assert.ok(text.slice(f.documents[1].span[0], f.documents[1].span[1]).includes('kind: B'));
  });
  test('rules.md yaml-syntax: multi-document parsing keeps other documents when one breaks', () => {
    const text = 'kind: A\nmetadata: {name: a}\n---\nkind: B\nmetadata:\n  name: b\n  bad: [\n---\nkind: C\nmetadata: {name: c}\n';
    const c = contribution(text);
    assert.deepEqual(c.resources.map((r) => r.name), ['a', 'c']);
    assert.deepEqual(c.findings.map((f) => f.rule), ['yaml-syntax']);
  });
  test('rules.md yaml-syntax carries kind, namespace and name as far as they can be read', () => {
    const text = 'kind: DestinationRule\nmetadata:\n  name: broken\n  namespace: shop\nspec:\n  host: [\n';
    const [f] = contribution(text).findings;
    assert.equal(f.rule, 'yaml-syntax');
    assert.ok('identity' in f.anchor);
    if ('identity' in f.anchor) {
      assert.equal(f.anchor.identity.kind, 'DestinationRule');
      assert.equal(f.anchor.identity.name, 'broken');
      assert.equal(f.anchor.identity.namespace, 'shop');
      assert.ok(f.anchor.offsets[0] >= 0 && f.anchor.offsets[1] >= f.anchor.offsets[0]);
    }
  });
  test('rules.md yaml-syntax with nothing readable: empty identity strings', () => {
    const [f] = contribution(': : :\n  - [\n').findings;
    assert.equal(f.rule, 'yaml-syntax');
    if ('identity' in f.anchor) assert.deepEqual(f.anchor.identity, { kind: '', namespace: '', name: '' });
  });
  test('rules.md yaml-syntax: duplicate keys make a document not load', () => {
    const c = contribution('kind: A\nmetadata: {name: a}\nspec: {x: 1, x: 2}\n');
    assert.deepEqual(c.findings.map((f) => f.rule), ['yaml-syntax']);
    assert.deepEqual(c.resources, []);
  });
  test('rules.md yaml-syntax: with CRLF line breaks the error never points between `\\r` and `\\n` (no editor position there)', () => {
    // `yaml` reports a duplicate key from the end of the line, one past the `\r`.
    const text = 'kind: Service\r\nmetadata: &m\r\n  name: x\r\nspec: &s\r\nspec: &s\r\n';
    const error = parseYamlFile('a.yaml', text).documents[0].syntaxError;
    assert.ok(error, 'the duplicate key is a syntax error');
    for (const at of error.offsets) assert.ok(!(text[at - 1] === '\r' && text[at] === '\n'), `offset ${at} splits a CRLF`);
  });
  test('rules.md yaml-syntax on a broken document with a map key 3,000 levels deep: found quickly, identity read field by field (fuzz input 12082)', () => {
    // Both parsers refuse the `\\x` escape. Turning `yaml`'s broken tree into values to read the
    // identity printed the huge key (seconds); the identity is read from the tree instead.
    const key = `${'['.repeat(3000)}x${']'.repeat(3000)}`;
    const text = `kind: ConfigMap\nmetadata: {name: "\\x"}\n? ${key}\n: value\n`;
    const t = performance.now();
    const c = contribution(text);
    const ms = performance.now() - t;
    assert.ok(ms < 1500, `took ${Math.round(ms)} ms`);
    assert.deepEqual(c.findings.map((f) => f.rule), ['yaml-syntax']);
    const anchor = c.findings[0].anchor as { identity: { kind: string; name: string } };
    assert.equal(anchor.identity.kind, 'ConfigMap');
  });
  test('a small map used as a key (an unquoted `{{ .Values.x }}`) is still read through `yaml`', () => {
    const d = parseYamlFile('a.yaml', 'kind: ConfigMap\nmetadata:\n  name: small\n? {a: 1}\n: value\n').documents[0];
    assert.equal(d.syntaxError, undefined);
    assert.equal((d.value as { metadata: { name: string } }).metadata.name, 'small');
  });
  test('a document that exhausts the alias budget is a syntax error, not a hang', () => {
    const row = (n: string, a: string) => `${n}: &${n} [${Array(9).fill(`*${a}`).join(',')}]\n`;
    const text = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + row('b', 'a') + row('c', 'b') + row('d', 'c') + row('e', 'd') + row('f', 'e') + 'g: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n';
    const f = parseYamlFile('bomb.yaml', text);
    assert.ok(f.documents[0].syntaxError);
    assert.deepEqual(contribution(text).findings.map((x) => x.rule), ['yaml-syntax']);
  });
  test('merge keys (<<) are honoured', () => {
    assert.deepEqual(names('common: &c {namespace: shop}\nkind: Service\nmetadata:\n  <<: *c\n  name: s\n'), ['Service/shop/s']);
  });
  test('empty documents and documents without kind or metadata.name are ignored quietly', () => {
    const c = contribution('---\n---\nkind: A\n---\nmetadata: {name: x}\n---\njust a string\n---\n- a list\n');
    assert.deepEqual(c.resources, []);
    assert.deepEqual(c.findings, []);
  });
  test('rules.md a resource without namespace is in `default`; a cluster-scoped kind has ""', () => {
    assert.deepEqual(names('kind: Service\nmetadata: {name: s}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n'), ['Service/default/s', 'Namespace//shop']);
  });
});

describe('rules.md "files analysed": `{{` templates', () => {
  test('rules.md a document that holds `{{` and does not load is skipped quietly', () => {
    const text = '{{- if .Values.enabled }}\napiVersion: v1\nkind: Service\nmetadata: {name: a}\n{{- end }}\n';
    const c = contribution(text);
    assert.deepEqual(c.findings, []);
    assert.deepEqual(c.resources, []);
  });
  test('rules.md a broken document with `{{` only in a comment is also skipped quietly (it holds `{{`)', () => {
    const broken = '# rendered from {{ .Values }}\nkind: Service\nmetadata:\n  name: [\n';
    // After a `---` the leading comment belongs to the document: skipped quietly.
    assert.deepEqual(contribution(`kind: A\nmetadata: {name: a}\n---\n${broken}`).findings, []);
    // The same document first in its file must be treated the same way.
    assert.deepEqual(contribution(broken).findings, []);
  });
  test('rules.md a broken document without `{{` gets yaml-syntax while a template next to it is skipped', () => {
    const text = 'kind: A\nmetadata:\n  name: [\n---\nkind: B\nmetadata:\n  name: {{ .Release.Name }}-b\n';
    assert.deepEqual(contribution(text).findings.map((f) => f.rule), ['yaml-syntax']);
  });
  test('rules.md a document whose metadata.name holds `{{` is skipped quietly', () => {
    assert.deepEqual(names('kind: Service\nmetadata:\n  name: "{{ .Release.Name }}-svc"\n  namespace: shop\n'), []);
    const f = analyze(docs(strictShop, disableDr('"{{ .Release.Name }}-reviews"')));
    assert.deepEqual(keys(f, 'plaintext-to-strict'), []);
    assert.deepEqual(keys(f, 'yaml-syntax'), []);
  });
  test('rules.md a document whose metadata.namespace holds `{{` (quoted) is skipped quietly', () => {
    assert.deepEqual(names('kind: Service\nmetadata:\n  name: svc\n  namespace: "{{ .Release.Namespace }}"\n'), []);
  });
  test('rules.md a document whose metadata.namespace holds `{{` (unquoted) is skipped quietly, not analysed in `default`', () => {
    // `namespace: {{ .Values.ns }}` loads as a flow map; the field as written still holds `{{`.
    const text = 'kind: Service\nmetadata:\n  name: svc\n  namespace: {{ .Values.ns }}\n';
    assert.deepEqual(contribution(text).findings, []);
    assert.deepEqual(names(text), []);
  });
  test('rules.md `{{` in string values or comments of a document that loads does not make it a template', () => {
    const dr = disableDr().replace('  namespace: shop\n', '  namespace: shop\n  annotations:\n    note: "rendered by {{ helm }}"\n') + '# {{ not a template }}\n';
    assert.deepEqual(keys(analyze(docs(strictShop, dr)), 'plaintext-to-strict'), ['plaintext-to-strict DestinationRule/shop/reviews']);
  });
  test('rules.md a document with unquoted `{{ }}` in a spec value that still loads is analysed', () => {
    assert.deepEqual(names('kind: Service\nmetadata: {name: s, namespace: shop}\nspec:\n  replicas: {{ .Values.replicas }}\n'), ['Service/shop/s']);
  });
});

describe('rules.md in-file duplicates and `kind: List`', () => {
  test('rules.md in-file duplicates (later replaces earlier): the earlier gets duplicate-resource', () => {
    const text = docs(disableDr(), destinationRule('shop', 'reviews', 'reviews', '  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n'));
    const c = contribution(text);
    assert.equal(c.resources.length, 1);
    assert.equal(c.resources[0].source.docIndex, 1);
    assert.deepEqual(c.findings.map((f) => f.rule), ['duplicate-resource']);
    const f = c.findings[0];
    assert.ok('resource' in f.anchor && f.anchor.resource.source.docIndex === 0);
    assert.equal(f.related.length, 1);
  });
  test('rules.md only the later duplicate is analysed', () => {
    const fileText = docs(strictShop, disableDr(), destinationRule('shop', 'reviews', 'reviews', '  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n'));
    const f = analyze({ 'all.yaml': fileText });
    assert.deepEqual(keys(f, 'plaintext-to-strict'), []);
    assert.deepEqual(keys(f, 'duplicate-resource'), ['duplicate-resource DestinationRule/shop/reviews']);
  });
  test('rules.md identity is (API group, kind, namespace, name): differing in any is no duplicate', () => {
    const text = docs(
      'apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: x}\n',
      'apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: y}\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: x}\n',
      'apiVersion: example.com/v1\nkind: Service\nmetadata: {name: a, namespace: x}\n',
    );
    assert.deepEqual(contribution(text).findings, []);
    assert.equal(contribution(text).resources.length, 4);
  });
  test('rules.md an omitted namespace and an explicit `default` are the same identity', () => {
    const c = contribution(docs('apiVersion: v1\nkind: Service\nmetadata: {name: a}\n', 'apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: default}\n'));
    assert.deepEqual(c.findings.map((f) => f.rule), ['duplicate-resource']);
  });
  test('rules.md the same identity in two files is two variants, never duplicate-resource', () => {
    const f = analyze({ 'a/dr.yaml': disableDr(), 'b/dr.yaml': disableDr() });
    assert.deepEqual(keys(f, 'duplicate-resource'), []);
  });
  test('a `kind: List` expands its items', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: a, namespace: shop}\n- apiVersion: v1\n  kind: Service\n  metadata: {name: b, namespace: shop}\n- not-a-map\n';
    const c = contribution(text);
    assert.deepEqual(c.resources.map((r) => r.name), ['a', 'b']);
    assert.deepEqual(c.resources.map((r) => r.source.basePath), [['items', 0], ['items', 1]]);
    assert.notEqual(c.resources[0].id, c.resources[1].id);
  });
  test('a `kind: List` item is analysed and its finding lands on the item', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n${disableDr().split('\n').map((l, i) => (l ? (i === 0 ? `- ${l}` : `  ${l}`) : l)).join('\n')}`;
    const f = analyze({ 'app.yaml': strictShop, 'list.yaml': list });
    const found = f.filter((x) => x.rule === 'plaintext-to-strict');
    assert.equal(found.length, 1);
    assert.equal(found[0].file, 'list.yaml');
    assert.ok(found[0].range.start.line > 2);
  });
  test('rules.md duplicates inside a List: the later item replaces the earlier', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Service, metadata: {name: a, namespace: shop}}\n- {apiVersion: v1, kind: Service, metadata: {name: a, namespace: shop}, spec: {}}\n';
    const c = contribution(text);
    assert.deepEqual(c.resources.map((r) => r.source.basePath), [['items', 1]]);
    assert.deepEqual(c.findings.map((f) => f.rule), ['duplicate-resource']);
  });
  test('a skipped file contributes nothing', () => {
    const f = parseYamlFile('chart/templates/x.yaml', disableDr());
    assert.deepEqual(fileContribution({ ...f, skipped: 'Helm chart template' }), { resources: [], findings: [] });
  });
  test('collectResources gathers every file', () => {
    const { resources, inputFindings } = collectResources({ yamlFiles: [parseYamlFile('a.yaml', disableDr()), parseYamlFile('b.yaml', 'kind: [\n')], certificateFiles: [] });
    assert.equal(resources.length, 1);
    assert.deepEqual(inputFindings.map((f) => f.rule), ['yaml-syntax']);
  });
});
