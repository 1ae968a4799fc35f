// Small helpers shared by the policy rule tests of this folder (not a test file itself).
import assert from 'node:assert/strict';
import type { PresentedFinding } from '../../../../server/src/features/presentedFinding';

/** The findings of one rule. */
export function only(findings: readonly PresentedFinding[], rule: string): PresentedFinding[] {
  return findings.filter((f) => f.rule === rule);
}

/** Exactly one finding of `rule`, returned for further assertions. */
export function one(findings: readonly PresentedFinding[], rule: string): PresentedFinding {
  const list = only(findings, rule);
  assert.equal(list.length, 1, `expected exactly one ${rule}, got ${list.length}: ${JSON.stringify(list.map((f) => [f.resource, f.range.start.line, f.message]))}`);
  return list[0];
}

/** `Kind/namespace/name` of a finding's resource. */
export function resourceOf(f: { resource: { kind: string; namespace: string; name: string } }): string {
  return `${f.resource.kind}/${f.resource.namespace}/${f.resource.name}`;
}

/**
 * Zero-based line of the `occurrence`-th line (1-based) of `text` that contains `needle`.
 * Throws when there is no such line, so a fixture typo does not pass silently.
 */
export function lineOf(text: string, needle: string, occurrence = 1): number {
  const lines = text.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].includes(needle) && ++seen === occurrence) return i;
  }
  throw new Error(`fixture has no line #${occurrence} containing ${JSON.stringify(needle)}`);
}

/** Zero-based [first, last] lines of the `index`-th (0-based) document of a `---`-joined text. */
export function documentLines(text: string, index: number): [number, number] {
  const lines = text.split('\n');
  const starts = [0];
  lines.forEach((l, i) => {
    if (l === '---') starts.push(i + 1);
  });
  const first = starts[index];
  assert.ok(first !== undefined, `no document #${index}`);
  const next = starts[index + 1];
  return [first, next === undefined ? lines.length - 1 : next - 2];
}

export function assertLineWithin(f: PresentedFinding, [first, last]: [number, number]): void {
  const line = f.range.start.line;
  assert.ok(line >= first && line <= last, `finding ${f.rule} at line ${line}, expected within [${first}, ${last}]`);
}

/** An AuthorizationPolicy; `spec` is the indented body under `spec:` (two spaces). */
export function authorizationPolicy(ns: string, name: string, spec: string): string {
  return `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: ${name}
  namespace: ${ns}
spec:
${spec.replace(/^\n/, '')}`;
}

/** A PeerAuthentication with a hand-written spec body (two-space indented under `spec:`). */
export function rawPeerAuthentication(ns: string, name: string, spec: string, created?: string): string {
  return `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: ${name}
  namespace: ${ns}
${created ? `  creationTimestamp: "${created}"\n` : ''}spec:
${spec.replace(/^\n/, '')}`;
}

/** ConfigMap `istio` in istio-system with `data.mesh` (§F4); `mesh` is plain YAML lines. */
export function meshConfigMap(mesh: string, name = 'istio', ns = 'istio-system'): string {
  const body = mesh.replace(/^\n/, '').replace(/\n$/, '').split('\n').map((l) => `    ${l}`).join('\n');
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  namespace: ${ns}
data:
  mesh: |-
${body}
`;
}

export function serviceAccount(ns: string, name: string): string {
  return `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
  namespace: ${ns}
`;
}

/** Zero-based line of the first line containing `needle` inside the `index`-th document (0-based). */
export function lineInDocument(text: string, index: number, needle: string): number {
  const [first, last] = documentLines(text, index);
  const lines = text.split('\n');
  for (let i = first; i <= last; i++) if (lines[i].includes(needle)) return i;
  throw new Error(`document #${index} has no line containing ${JSON.stringify(needle)}`);
}
