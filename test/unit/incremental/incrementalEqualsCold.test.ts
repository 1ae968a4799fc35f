// The incremental engine must give exactly what a cold analysis of the same files gives,
// whatever the sequence of edits. Seeded random workspaces and edits; a failure prints its seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlFile } from '../../../server/src/workspace/parseYamlFile';
import { AnalysisEngine } from '../../../server/src/workspace/analysisEngine';
import type { Finding } from '../../../server/src/rules/finding';
import { TEST_NOW } from '../../support/workspace';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const MODES = ['STRICT', 'PERMISSIVE', 'DISABLE', 'UNSET'];
const TLS = ['ISTIO_MUTUAL', 'DISABLE', 'SIMPLE', undefined];

/** A random file of the mesh: one namespace's objects, or mesh-level objects. */
function randomFile(r: () => number, i: number, namespaces: string[]): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const ns = pick(namespaces);
  const app = `app${Math.floor(r() * 6)}`;
  const docs: string[] = [];
  const kind = Math.floor(r() * 8);
  if (kind <= 2) {
    docs.push(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${app}-${i}, namespace: ${ns}}\nspec:\n  template:\n    metadata:\n      labels: {app: ${app}${r() < 0.2 ? ', "sidecar.istio.io/inject": "false"' : ''}}\n    spec:\n      serviceAccountName: ${app}\n      containers:\n      - name: c\n        image: x\n        ports: [{name: http, containerPort: 8080}]\n        env: [{name: UP, value: "http://${pick(['app0', 'app1', 'app2'])}.${pick(namespaces)}:80"}]\n`);
    docs.push(`apiVersion: v1\nkind: Service\nmetadata: {name: ${app}${r() < 0.5 ? '' : `-${i}`}, namespace: ${ns}}\nspec:\n  selector: {app: ${app}}\n  ports: [{name: ${pick(['http', 'tcp', 'grpc'])}, port: 80, targetPort: http}]\n`);
  } else if (kind <= 4) {
    const scope = r();
    const selector = scope < 0.4 ? `  selector:\n    matchLabels: {app: ${app}}\n` : '';
    const mode = pick(MODES);
    const port = selector && r() < 0.3 ? `  portLevelMtls:\n    "8080": {mode: ${pick(MODES)}}\n` : '';
    docs.push(`apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: pa-${i}, namespace: ${r() < 0.15 ? 'istio-system' : ns}}\nspec:\n${selector}  mtls: {mode: ${mode}}\n${port}`);
  } else if (kind <= 6) {
    const host = pick([app, `${app}.${pick(namespaces)}.svc.cluster.local`, `*.${pick(namespaces)}.svc.cluster.local`, '*.local']);
    const tls = pick(TLS);
    const exportTo = r() < 0.2 ? `  exportTo: ["${pick(['.', '*', pick(namespaces)])}"]\n` : '';
    const sel = r() < 0.15 ? `  workloadSelector:\n    matchLabels: {app: ${pick(['app0', 'app1'])}}\n` : '';
    const subsets = r() < 0.2 ? `  subsets:\n  - name: v1\n    labels: {app: ${app}}\n    trafficPolicy: {tls: {mode: DISABLE}}\n` : '';
    docs.push(`apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: dr-${i}, namespace: ${r() < 0.15 ? 'istio-system' : ns}}\nspec:\n  host: "${host}"\n${exportTo}${sel}${tls ? `  trafficPolicy:\n    tls: {mode: ${tls}}\n` : ''}${subsets}`);
    if (subsets && r() < 0.5) docs.push(`apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: vs-${i}, namespace: ${ns}}\nspec:\n  hosts: [${app}]\n  http:\n  - route:\n    - destination: {host: ${app}, subset: v1}\n`);
  } else if (kind === 7) {
    const action = pick(['ALLOW', 'DENY']);
    const sel = r() < 0.7 ? `  selector:\n    matchLabels: {app: ${app}}\n` : '';
    docs.push(`apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: ap-${i}, namespace: ${r() < 0.2 ? 'istio-system' : ns}}\nspec:\n${sel}  action: ${action}\n  rules:\n  - from:\n    - source: {${pick(['namespaces', 'notNamespaces', 'principals'])}: ["${pick(['cluster.local/ns/' + pick(namespaces) + '/sa/' + app, pick(namespaces), 'spiffe://x'])}"]}\n`);
  }
  return docs.join('---\n');
}

/** Namespace objects (one file) and the mesh config (another): no identity in two files. */
function namespacesFile(r: () => number, namespaces: string[]): string {
  return namespaces.filter(() => r() < 0.8).map((ns) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n${r() < 0.7 ? '  labels:\n    istio-injection: enabled\n' : ''}`).join('---\n');
}

function meshFile(r: () => number): string {
  return r() < 0.3 ? '' : `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio, namespace: istio-system}\ndata:\n  mesh: |\n    enableAutoMtls: ${r() < 0.6}\n    trustDomain: ${r() < 0.5 ? 'cluster.local' : 'corp.example'}\n`;
}

function fingerprint(f: Finding): string {
  const where = 'resource' in f.anchor ? `${f.anchor.resource.id}|${f.anchor.path.join('/')}|${f.anchor.part ?? ''}` : `${f.anchor.file}|${f.anchor.offsets.join(',')}`;
  const related = f.related.map((r) => ('resource' in r.anchor ? `${r.anchor.resource.id}|${r.anchor.path.join('/')}` : r.anchor.file) + `|${r.message}`).join(';');
  return `${f.rule}|${f.severity ?? ''}|${where}|${f.message}|${related}`;
}

const options = { settings: { now: TEST_NOW, certificateExpiryWarningDays: 30 } };

function cold(files: Map<string, string>): string[] {
  const engine = new AnalysisEngine(options);
  engine.update({ yaml: [...files].map(([p, t]) => [p, parseYamlFile(p, t)] as const) });
  return engine.findings.map(fingerprint).sort();
}

test('incremental updates give exactly the findings of a cold analysis (seeded random edits)', () => {
  let runs = 0;
  let incrementalRuns = 0;
  let findings = 0;
  for (let seed = 1; seed <= 40; seed++) {
    const r = rng(seed);
    const namespaces = ['shop', 'web', 'legacy', 'istio-system'];
    const files = new Map<string, string>();
    files.set('ns.yaml', namespacesFile(r, namespaces));
    files.set('mesh.yaml', meshFile(r));
    for (let i = 0; i < 25; i++) files.set(`f${i}.yaml`, randomFile(r, i, namespaces));
    const engine = new AnalysisEngine(options);
    engine.update({ yaml: [...files].map(([p, t]) => [p, parseYamlFile(p, t)] as const) });
    for (let step = 0; step < 12; step++) {
      const n = Math.floor(r() * 32);
      const target = n === 30 ? 'ns.yaml' : n === 31 ? 'mesh.yaml' : `f${n}.yaml`;
      const action = r();
      if (action < 0.15 && files.has(target)) files.delete(target);
      else files.set(target, n === 30 ? namespacesFile(r, namespaces) : n === 31 ? meshFile(r) : randomFile(r, 100 + step, namespaces));
      const parsed = files.has(target) ? parseYamlFile(target, files.get(target) as string) : undefined;
      engine.update({ yaml: [[target, parsed]] });
      const incremental = engine.findings.map(fingerprint).sort();
      assert.deepEqual(incremental, cold(files), `seed ${seed}, step ${step}: ${target}`);
      runs++;
      if (engine.incremental) incrementalRuns++;
      findings += incremental.length;
    }
  }
  assert.ok(runs > 400);
  // The comparison means something only if most updates took the incremental path and found things.
  assert.ok(incrementalRuns > runs * 0.6, `${incrementalRuns} of ${runs} updates were incremental`);
  assert.ok(findings > runs * 3, `${findings} findings in ${runs} updates`);
});
