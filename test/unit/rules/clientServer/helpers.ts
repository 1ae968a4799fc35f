// Shared helpers for the client-meets-server rule tests (test/unit/rules/clientServer).
import assert from 'node:assert/strict';
import type { PresentedFinding } from '../../../../server/src/features/presentedFinding';
import { analyze } from '../../../support/workspace';

export type { PresentedFinding };

/** The findings of one rule, in the order the engine returns them. */
export function only(findings: readonly PresentedFinding[], rule: string): PresentedFinding[] {
  return findings.filter((f) => f.rule === rule);
}

/** Runs the engine on one in-memory file (`test.yaml`) and keeps the findings of `rule`. */
export function findingsOf(text: string, rule: string): PresentedFinding[] {
  return only(analyze(text), rule);
}

/**
 * The zero-based line of the `occurrence`-th (0-based) line of `text` that contains `needle`.
 * Throws when there is no such line, so that a typo in a test shows up as a test error.
 */
export function lineOf(text: string, needle: string, occurrence = 0): number {
  const lines = text.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].includes(needle)) {
      if (seen === occurrence) return i;
      seen++;
    }
  }
  throw new Error(`no line #${occurrence} containing ${JSON.stringify(needle)}`);
}

/** The zero-based line of the first line containing `needle` after the first line containing `after`. */
export function lineAfter(text: string, after: string, needle: string): number {
  const lines = text.split('\n');
  const start = lineOf(text, after);
  for (let i = start; i < lines.length; i++) if (lines[i].includes(needle)) return i;
  throw new Error(`no line containing ${JSON.stringify(needle)} after ${JSON.stringify(after)}`);
}

/** Asserts exactly one finding and returns it. */
export function single(findings: readonly PresentedFinding[], what = 'finding'): PresentedFinding {
  assert.equal(findings.length, 1, `expected exactly one ${what}, got ${findings.length}: ${JSON.stringify(findings.map((f) => `${f.rule} ${f.resource.kind}/${f.resource.namespace}/${f.resource.name} @${f.range.start.line}`))}`);
  return findings[0];
}

/** Asserts the finding is attached to `kind/namespace/name`. */
export function assertOn(f: PresentedFinding, kind: string, namespace: string, name: string): void {
  assert.deepEqual({ kind: f.resource.kind, namespace: f.resource.namespace, name: f.resource.name }, { kind, namespace, name });
}

/** `Kind/namespace/name` of every related location of a finding. */
export function relatedIds(f: PresentedFinding): string[] {
  return f.related.map((r) => `${r.resource.kind}/${r.resource.namespace}/${r.resource.name}`);
}

/** The mesh config ConfigMap (§F4) with the given `mesh` YAML body. */
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

/** A ServiceEntry for one host and one port. */
export function serviceEntry(ns: string, name: string, host: string, o: { location?: string; port?: number; protocol?: string; portName?: string; exportTo?: string[] } = {}): string {
  return `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  hosts:
  - ${host}
${o.exportTo ? `  exportTo:\n${o.exportTo.map((e) => `  - "${e}"`).join('\n')}\n` : ''}${o.location ? `  location: ${o.location}\n` : ''}  resolution: DNS
  ports:
  - number: ${o.port ?? 443}
    name: ${o.portName ?? 'tls'}
    protocol: ${o.protocol ?? 'TLS'}
`;
}

/** A VirtualService on `host` routing all HTTP traffic to `subset` of `destination` (defaults to host). */
export function virtualService(ns: string, name: string, host: string, subset: string, destination = host): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  hosts:
  - ${host}
  http:
  - route:
    - destination:
        host: ${destination}
        subset: ${subset}
`;
}

/**
 * The zero-based [first, last] lines of the YAML block whose key is on `line`: the key line and
 * the following lines indented deeper than it.
 */
export function blockAt(text: string, line: number): [number, number] {
  const lines = text.split('\n');
  const indent = (s: string) => s.length - s.trimStart().length;
  const base = indent(lines[line]);
  let last = line;
  for (let i = line + 1; i < lines.length && lines[i].trim() !== '' && indent(lines[i]) > base; i++) last = i;
  return [line, last];
}

/** Asserts the finding's range starts inside the YAML block whose key is on `line`. */
export function assertInBlock(f: PresentedFinding, text: string, line: number): void {
  const [first, last] = blockAt(text, line);
  assert.ok(f.range.start.line >= first && f.range.start.line <= last, `range line ${f.range.start.line} is inside the block at lines ${first}-${last}`);
}
