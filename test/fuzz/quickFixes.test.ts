// Issue 7 "Edits that never lose text", property-tested: on generated workspaces (a mesh with
// STRICT namespaces and random DestinationRules, PeerAuthentications, AuthorizationPolicies and
// legacy Policies, written with comments and unusual formatting), every quick fix offered for
// every diagnostic: edits only its file and only around its document (or appends at the end),
// leaves YAML that both parsers read, makes its diagnostic go away, and the actions offered
// afterwards apply cleanly and never bring the fixed finding back.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import type { CodeAction } from 'vscode-languageserver';
import { destinationRuleDoc, peerAuthenticationDoc, authorizationPolicyDoc, legacyPolicyDoc, type Json } from './arbitraries';
import { renderStyle, renderYaml, type RenderStyle } from './render';
import { analyse, applyTextEdits, diagnosticsOf, offsetAt, uriOf, type Files } from './engineRun';
import { codeActions } from '../../server/src/features/codeActions/codeActions';
import { FIXABLE_RULES } from '../../server/src/features/codeActions/fixesByRule';
import type { PresentedFinding } from '../../server/src/features/presentedFinding';
import { parseYamlFile } from '../../server/src/workspace/parseYamlFile';

const SEED = Number(process.env.FUZZ_SEED ?? 777);
const RUNS = Number(process.env.FUZZ_RUNS ?? 80);

const SKELETON: Json[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'istio-injection': 'enabled' } } },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'legacy', labels: { 'istio-injection': 'enabled' } } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { serviceAccountName: 'web', containers: [{ name: 'web', ports: [{ containerPort: 8080, name: 'http' }] }] } } } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'reviews', namespace: 'shop' }, spec: { selector: { matchLabels: { app: 'reviews' } }, template: { metadata: { labels: { app: 'reviews' } }, spec: { serviceAccountName: 'reviews', containers: [{ name: 'reviews', ports: [{ containerPort: 9080, name: 'http' }, { containerPort: 9000, name: 'admin' }] }] } } } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'reviews', namespace: 'shop' }, spec: { selector: { app: 'reviews' }, ports: [{ name: 'http', port: 80, targetPort: 9080 }, { name: 'http-admin', port: 9000, targetPort: 'admin' }] } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'db', namespace: 'legacy' }, spec: { selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', ports: [{ containerPort: 5432 }] }] } } } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db', namespace: 'legacy' }, spec: { selector: { app: 'db' }, ports: [{ name: 'tcp', port: 5432 }] } },
];

/** Policies biased towards what the fixable rules look for. */
const policies = fc.array(fc.oneof(
  { arbitrary: destinationRuleDoc, weight: 4 },
  { arbitrary: peerAuthenticationDoc, weight: 3 },
  { arbitrary: authorizationPolicyDoc, weight: 2 },
  { arbitrary: legacyPolicyDoc, weight: 1 },
  {
    arbitrary: fc.record({
      ns: fc.constantFrom('shop', 'legacy', 'istio-system'),
      name: fc.constantFrom('default', 'reviews', 'zz-second', 'db'),
      host: fc.constantFrom('reviews', 'reviews.shop.svc.cluster.local', 'db.legacy.svc.cluster.local', 'db.legacy'),
      tls: fc.constantFrom<Json>({ mode: 'DISABLE' }, {}, { mode: 'SIMPLE' }, { mode: 'ISTIO_MUTUAL' }, { mode: 'MUTUAL', credentialName: 'c' }),
      port: fc.constantFrom<Json>(null, { port: { number: 9000 }, tls: {} }, { port: { number: 80 }, tls: { mode: 'DISABLE' } }),
    }).map(({ ns, name, host, tls, port }): Json => ({
      apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name, namespace: ns },
      spec: { host, trafficPolicy: port ? { tls, portLevelSettings: [port] } : { tls } },
    })),
    weight: 4,
  },
  {
    arbitrary: fc.record({ ns: fc.constantFrom('shop', 'legacy', 'istio-system'), name: fc.constantFrom('default', 'zz-second', 'admin'), mode: fc.constantFrom('STRICT', 'PERMISSIVE', 'DISABLE'), port: fc.constantFrom(undefined, '9000', '80'), selector: fc.boolean() }).map(({ ns, name, mode, port, selector }): Json => ({
      apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name, namespace: ns },
      spec: { ...(selector ? { selector: { matchLabels: { app: 'reviews' } } } : {}), mtls: { mode }, ...(port ? { portLevelMtls: { [port]: { mode: 'PERMISSIVE' } } } : {}) },
    })),
    weight: 3,
  },
  {
    arbitrary: fc.constantFrom('spiffe://cluster.local/ns/shop/sa/web', 'cluster.local/ns/shop/sa/web', 'spiffe://cluster.local/ns/legacy/sa/default').map((p): Json => ({
      apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name: 'allow', namespace: 'shop' },
      spec: { selector: { matchLabels: { app: 'reviews' } }, rules: [{ from: [{ source: { principals: [p, 'spiffe://cluster.local/ns/shop/sa/reviews'] } }] }] },
    })),
    weight: 2,
  },
), { minLength: 1, maxLength: 6 });

/** Styles people write: comments, blank lines, CRLF, flow maps, quotes, markers (no BOM: editors drop it). */
const style: fc.Arbitrary<RenderStyle> = renderStyle.map((s) => ({ ...s, bom: false }));

const fixableWorkspace = fc.tuple(policies, style, style, fc.boolean()).map(([docs, s1, s2, split]): Files => (split
  ? { 'mesh.yaml': renderYaml(SKELETON, s1), 'policies.yaml': renderYaml(docs, s2) }
  : { 'all.yaml': renderYaml([...SKELETON, ...docs], s1) }));

const sameTarget = (a: PresentedFinding, b: PresentedFinding) =>
  a.rule === b.rule && a.file === b.file && a.resource.kind === b.resource.kind && a.resource.namespace === b.resource.namespace && a.resource.name === b.resource.name;

function parsesCleanly(text: string): string[] {
  const engine = parseYamlFile('x.yaml', text).documents.filter((d) => d.syntaxError).map((d) => `engine: ${d.syntaxError?.message}`);
  const tree = parseAllDocuments(text).flatMap((d) => d.errors.map((e) => `yaml: ${e.message.split('\n')[0]}`));
  return [...engine, ...tree];
}

interface Offered {
  readonly finding: PresentedFinding;
  readonly action: CodeAction;
}

function offered(files: Files): { findings: readonly PresentedFinding[]; actions: Offered[] } {
  const { snapshot } = analyse(files);
  const actions: Offered[] = [];
  for (const path of Object.keys(files)) {
    const diags = diagnosticsOf(snapshot, path);
    for (const finding of snapshot.findings.filter((f) => f.file === path && FIXABLE_RULES.includes(f.rule))) {
      const d = diags.find((x) => x.code === finding.rule && JSON.stringify(x.range) === JSON.stringify(finding.range) && x.message === finding.message);
      if (!d) continue;
      for (const action of codeActions(snapshot, path, finding.range, [d])) actions.push({ finding, action });
    }
  }
  return { findings: snapshot.findings, actions };
}

/** The document span (offsets) holding an offset, with the separators around it. */
function documentAround(text: string, offset: number): [number, number] {
  const doc = parseYamlFile('x.yaml', text).documents.find((d) => offset >= d.span[0] && offset <= d.span[1]);
  return doc ? [Math.max(0, doc.span[0] - 8), Math.min(text.length, doc.span[1] + 8)] : [0, text.length];
}

function applied(files: Files, o: Offered): { path: string; text: string; problems: string[] } {
  const problems: string[] = [];
  const changes = o.action.edit?.changes ?? {};
  const uris = Object.keys(changes);
  const path = o.finding.file;
  if (uris.length !== 1 || uris[0] !== uriOf(path)) problems.push(`edits ${uris.join(', ')} (not only ${path})`);
  const edits = changes[uriOf(path)] ?? [];
  const text = files[path];
  const after = applyTextEdits(text, edits);
  if (after === undefined) return { path, text, problems: [...problems, 'its edits overlap'] };
  const isFixAll = o.action.title.startsWith('Fix all') || o.action.kind?.startsWith('source');
  if (!isFixAll) {
    const [from, to] = documentAround(text, offsetAt(text, o.finding.range.start));
    for (const e of edits) {
      const s = offsetAt(text, e.range.start);
      const end = offsetAt(text, e.range.end);
      const appended = s === end && s >= text.trimEnd().length;
      if (!appended && (s < from || end > to)) problems.push(`edit [${s}, ${end}) is outside the finding's document [${from}, ${to})`);
    }
  }
  return { path, text: after, problems };
}

describe('quick fixes on generated documents', () => {
  test('sanity: the generator produces fixable findings of most fixable rules', () => {
    const seen = new Set<string>();
    for (const files of fc.sample(fixableWorkspace, { seed: SEED, numRuns: 150 })) for (const o of offered(files).actions) seen.add(o.finding.rule);
    const expected = ['plaintext-to-strict', 'mtls-to-disable', 'empty-tls-means-disable', 'duplicate-scope-policy', 'principal-has-spiffe-prefix', 'port-level-service-port', 'removed-authentication-api'];
    assert.deepEqual(expected.filter((r) => !seen.has(r)), [], `seen: ${[...seen].join(', ')}`);
  });

  test('every action: only its file and its document change, the YAML parses, the diagnostic is gone, and the actions offered next apply cleanly without bringing it back', { timeout: 300_000 }, () => {
    fc.assert(
      fc.property(fixableWorkspace, (files) => {
        const before = offered(files);
        fc.pre(Object.values(files).every((t) => parsesCleanly(t).length === 0));
        for (const o of before.actions) {
          const label = `${o.finding.rule} ${o.finding.resource.namespace}/${o.finding.resource.name} / "${o.action.title}"`;
          const { path, text, problems } = applied(files, o);
          assert.deepEqual(problems, [], label);
          assert.deepEqual(parsesCleanly(text), [], `${label}: the result parses\n${text}`);
          const next: Files = { ...files, [path]: text };
          const after = offered(next);
          const source = o.action.kind?.startsWith('source') === true;
          const fixAll = source || o.action.title.startsWith('Fix all');
          // A fix: its finding; "fix all <rule>": that rule in the file; source.fixAll: the fixable findings of the file.
          const counted = (f: PresentedFinding) => (source ? f.file === path && FIXABLE_RULES.includes(f.rule) : fixAll ? f.file === path && f.rule === o.finding.rule : sameTarget(f, o.finding));
          const count = (list: readonly PresentedFinding[]) => list.filter(counted).length;
          const show = (list: readonly PresentedFinding[]) => list.filter(counted).map((f) => `${f.rule} ${f.resource.kind}/${f.resource.namespace}/${f.resource.name}@${f.range.start.line}`).join(', ');
          assert.ok(count(after.findings) < count(before.findings), `${label}: the finding is gone (${count(before.findings)} -> ${count(after.findings)}): before [${show(before.findings)}], after [${show(after.findings)}], edits ${JSON.stringify(o.action.edit?.changes)}`);
          // The preferred fix (and fix-on-save) never trades its finding for a new error on the same resource.
          if (o.action.isPreferred || source) {
            const key = (f: PresentedFinding) => `${f.rule} ${f.file} ${f.resource.kind}/${f.resource.namespace}/${f.resource.name}`;
            const had = new Set(before.findings.map(key));
            const touched = (f: PresentedFinding) => f.file === path && (source || (f.resource.kind === o.finding.resource.kind && f.resource.namespace === o.finding.resource.namespace && f.resource.name === o.finding.resource.name));
            const newErrors = after.findings.filter((f) => f.severity === 'error' && touched(f) && !had.has(key(f))).map(key);
            assert.deepEqual(newErrors, [], `${label}: the preferred fix introduces a new error`);
          }
          for (const n of after.actions) {
            const again = applied(next, n);
            assert.deepEqual(again.problems, [], `${label}, then "${n.action.title}"`);
            assert.deepEqual(parsesCleanly(again.text), [], `${label}, then "${n.action.title}": parses`);
            if (fixAll) continue;
            const back = analyse({ ...next, [again.path]: again.text }).snapshot.findings.filter((f) => sameTarget(f, o.finding));
            assert.ok(back.length <= count(after.findings), `${label}, then "${n.action.title}" brings ${o.finding.rule} back on ${o.finding.resource.name}`);
          }
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
