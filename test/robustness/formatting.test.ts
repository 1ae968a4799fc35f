// Issue 7 "Inputs": BOM, CRLF, tabs, `---` / `...` markers, comments everywhere, flow style,
// anchors and merge keys used legitimately are analysed correctly: the same findings as the
// plain version, and every range inside its file.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'js-yaml';
import { exercise, findingKey, offsetAt, type Files } from '../fuzz/engineRun';
import type { PresentedFinding } from '../../server/src/features/presentedFinding';
import { renderYaml, PLAIN_STYLE, type RenderStyle } from '../fuzz/render';
import type { Json } from '../fuzz/arbitraries';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../support/fixtures';

/** A workspace with findings of several families, one document per block so transforms stay simple. */
const DOCS: Record<string, string[]> = {
  'app.yaml': [
    namespace('shop', { 'istio-injection': 'enabled' }),
    namespace('finance', { 'istio-injection': 'enabled' }),
    deployment('shop', 'web'),
    deployment('shop', 'reviews', { ports: [{ name: 'http', containerPort: 9080 }, { name: 'admin', containerPort: 9000 }] }),
    service('shop', 'reviews', [{ name: 'http', port: 80, targetPort: 9080 }, { name: 'http-admin', port: 9000, targetPort: 'admin' }]),
    deployment('finance', 'ledger'),
    service('finance', 'ledger'),
  ],
  'policies.yaml': [
    peerAuthentication('shop', 'default', 'STRICT'),
    peerAuthentication('shop', 'zz-second', 'PERMISSIVE'),
    peerAuthentication('shop', 'reviews-admin', 'STRICT', { selector: { app: 'reviews' }, portLevel: { '9000': 'PERMISSIVE' } }),
    peerAuthentication('finance', 'ledger-plain', 'DISABLE', { selector: { app: 'ledger' } }),
    `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-web
  namespace: shop
spec:
  selector:
    matchLabels:
      app: reviews
  rules:
  - from:
    - source:
        principals:
        - spiffe://cluster.local/ns/shop/sa/web
        - cluster.local/ns/shop/sa/nobody
`,
  ],
  'rules.yaml': [
    destinationRule('shop', 'reviews', 'reviews', '  trafficPolicy:\n    tls:\n      mode: DISABLE\n    portLevelSettings:\n    - port:\n        number: 9000\n      tls: {}\n'),
    destinationRule('finance', 'ledger', 'ledger', '  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n'),
    destinationRule('shop', 'simple', 'reviews.shop.svc.cluster.local', '  trafficPolicy:\n    tls:\n      mode: SIMPLE\n      insecureSkipVerify: true\n'),
  ],
};

const join = (docs: readonly string[]) => docs.join('---\n');
const PLAIN: Files = Object.fromEntries(Object.entries(DOCS).map(([p, d]) => [p, join(d)]));
const VALUES: Record<string, Json[]> = Object.fromEntries(Object.entries(DOCS).map(([p, d]) => [p, d.map((t) => load(t) as Json)]));

const mapFiles = (f: (text: string, path: string) => string): Files => Object.fromEntries(Object.entries(PLAIN).map(([p, t]) => [p, f(t, p)]));
const rendered = (style: Partial<RenderStyle>): Files => Object.fromEntries(Object.entries(VALUES).map(([p, v]) => [p, renderYaml(v, { ...PLAIN_STYLE, ...style })]));

/** Text transforms that keep the meaning. */
const VARIANTS: Record<string, () => Files> = {
  'BOM': () => mapFiles((t) => '\uFEFF' + t),
  'CRLF': () => mapFiles((t) => t.replace(/\n/g, '\r\n')),
  'tabs after colons and before comments': () => mapFiles((t) => t.replace(/^(\s*(?:- )?[\w./-]+:) (?=\S)/gm, '$1\t').replace(/\n/g, '\t\t# tab-separated\n')),
  'document markers, directives': () => mapFiles((t) => `%YAML 1.2\n--- # first\n${t.split('---\n').join('...\n---\n')}...\n`),
  'a comment line before every line, trailing comments after every line': () => mapFiles((t) => t.split('\n').map((l) => (l.trim() ? `${/^\s*/.exec(l)?.[0] ?? ''}# about the next line\n${l}   # trailing: keep me` : l)).join('\n')),
  'blank lines and trailing spaces': () => mapFiles((t) => t.replace(/\n/g, '   \n\n')),
  'flow style documents': () => rendered({ flowDepth: 0 }),
  'flow style below the top level': () => rendered({ flowDepth: 1 }),
  'anchors and aliases for repeated maps and lists': () => rendered({ aliases: true }),
  'merge keys (<<)': () => rendered({ mergeKeys: true }),
  'double-quoted keys and values, 4-space indent, indented sequences': () => rendered({ quoting: 'double', quoteKeys: true, indent: 4, indentSequences: true }),
  'single-quoted values, comments, blank lines, CRLF, markers': () => rendered({ quoting: 'single', comments: true, blankLines: true, eol: '\r\n', startMarker: true, endMarker: true }),
  'everything at once': () => rendered({ indent: 4, indentSequences: true, flowDepth: 3, quoting: 'single', comments: true, blankLines: true, eol: '\r\n', bom: true, startMarker: true, endMarker: true, tabs: true, aliases: true, mergeKeys: true }),
};

const MERGED = new Set(['merge keys (<<)', 'everything at once']);

/** Hand-written anchors and merge keys, as people use them. */
const HANDWRITTEN: Files = {
  ...PLAIN,
  'rules.yaml': `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: &reviewsMeta
  name: reviews
  namespace: shop
spec:
  host: reviews
  trafficPolicy:
    tls: &plain
      mode: DISABLE
    portLevelSettings:
    - port: {number: 9000}
      tls: {}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ledger
  namespace: finance
spec:
  host: ledger
  trafficPolicy:
    tls: {mode: ISTIO_MUTUAL}
---
x-defaults: &tlsDefaults
  insecureSkipVerify: true
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: simple
  namespace: shop
spec:
  host: reviews.shop.svc.cluster.local
  trafficPolicy:
    tls:
      <<: *tlsDefaults
      mode: SIMPLE
`,
};

/** The text a finding's range covers, when it is one scalar (quotes and spaces dropped). */
function scalarAt(text: string, r: PresentedFinding['range']): string | undefined {
  const covered = text.slice(offsetAt(text, r.start), offsetAt(text, r.end));
  const bare = covered.trim().replace(/^(['"])(.*)\1$/, '$2');
  return /^[\w./*-]+$/.test(bare) ? bare : undefined;
}

function keysOf(files: Files): { keys: string[]; problems: string[]; scalars: Map<string, Array<string | undefined>> } {
  const { findings, problems } = exercise(files, { offsets: 12 });
  const scalars = new Map<string, Array<string | undefined>>();
  for (const f of findings) scalars.set(findingKey(f), [...(scalars.get(findingKey(f)) ?? []), scalarAt(files[f.file], f.range)]);
  return { keys: findings.map(findingKey).sort(), problems: problems.map((p) => `${p.kind} ${p.where}: ${p.message.split('\n')[0]}`), scalars };
}

/** Findings whose plain range is one scalar point at the same scalar in the variant. */
function sameScalars(plain: ReturnType<typeof keysOf>, v: ReturnType<typeof keysOf>): string[] {
  const out: string[] = [];
  for (const [key, list] of plain.scalars) {
    const other = v.scalars.get(key) ?? [];
    list.forEach((s, i) => {
      if (s !== undefined && other[i] !== s) out.push(`${key}: "${s}" in the plain text, "${String(other[i])}" here`);
    });
  }
  return out;
}

describe('legitimate YAML formatting is analysed like the plain text', () => {
  const plain = keysOf(PLAIN);
  test('the plain workspace has findings of several rules (sanity)', () => {
    const rules = new Set(plain.keys.map((k) => k.split(' ')[0]));
    for (const r of ['plaintext-to-strict', 'empty-tls-means-disable', 'duplicate-scope-policy', 'mtls-to-disable', 'principal-has-spiffe-prefix', 'tls-skips-verification']) assert.ok(rules.has(r), `${r} in ${[...rules].join(', ')}`);
    assert.deepEqual(plain.problems, []);
  });
  for (const [name, make] of Object.entries(VARIANTS)) {
    test(`${name}: the same findings, every range inside its file`, () => {
      const v = keysOf(make());
      assert.deepEqual(v.problems, []);
      assert.deepEqual(v.keys, plain.keys);
      // Merge keys have their own test below.
      if (!MERGED.has(name)) assert.deepEqual(sameScalars(plain, v), [], 'a finding on a scalar points at the same scalar');
    });
  }
  test('merge keys: a finding on a value that comes through `<<` points at that value, not at the map holding the merge', () => {
    for (const name of MERGED) assert.deepEqual(sameScalars(plain, keysOf(VARIANTS[name]())), [], name);
  });
  test('hand-written anchors, aliases and merge keys (`<<: *defaults`): the same findings', () => {
    const v = keysOf(HANDWRITTEN);
    assert.deepEqual(v.problems, []);
    // The extra `x-defaults` key is an unknown field of its DestinationRule; nothing else differs.
    assert.deepEqual(v.keys.filter((k) => !k.startsWith('unknown-field')), plain.keys.filter((k) => !k.startsWith('unknown-field')));
  });
});
