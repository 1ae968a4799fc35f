// `namespace-disable-breaks-strict`, `auto-mtls-off-plaintext` (§B10, §C8): clients send plaintext
// to STRICT ports because no DestinationRule sets ISTIO_MUTUAL; the fix appends one per Service.
import type { ServiceObject } from '../../model/kinds/service';
import type { Path } from '../../model/read';
import { resolveShortHost, serviceHost } from '../../semantics/hosts';
import type { MeshSemantics } from '../../semantics/meshSemantics';
import type { PolicyStep } from '../../semantics/serverMode';
import type { Fix, FixInput } from './fix';
import { appendDocuments } from './textEdits';
import { YamlLines } from './yamlEmitter';
import { eolOf, indentUnitOf } from './yamlText';
import { nameText } from '../../rules/quoteValue';

/** Services named in the title; the rest are counted. */
const MAX_TITLE_HOSTS = 3;

interface AffectedService {
  readonly service: ServiceObject;
  /** Service ports whose STRICT endpoints get plaintext. */
  readonly ports: Set<number>;
}

/** The path a finding of these rules points at (as in rules/autoMtlsPlaintext.ts). */
function stepPath(step: PolicyStep): Path {
  return step.portEntry ? step.portEntry.mode.path ?? step.portEntry.path : step.policy.mode.path ?? step.policy.mode.blockPath;
}

function samePath(a: Path, b: Path): boolean {
  return a.length === b.length && a.every((s, i) => String(s) === String(b[i]));
}

/** The Service ports that the finding's policy makes STRICT and that clients reach in plaintext. */
function affectedPorts(sem: MeshSemantics, input: FixInput, into: Map<string, AffectedService>): void {
  const anchorPath = 'resource' in input.finding.anchor ? input.finding.anchor.path : [];
  const namespaceRule = input.finding.rule === 'namespace-disable-breaks-strict';
  for (const dest of sem.destinations) {
    if (!dest.service) continue;
    const cells = sem.cellsFor(dest);
    // The rule's own conditions (rules/autoMtlsPlaintext.ts): already rescued, or every client has tls.
    if (namespaceRule && cells.some((c) => c.inForce.tls?.mode === 'ISTIO_MUTUAL')) continue;
    const defaultCells = cells.filter((c) => c.subset === undefined);
    if (!namespaceRule && defaultCells.length > 0 && defaultCells.every((c) => c.inForce.tls)) continue;
    for (const ep of dest.endpoints) {
      if (!sem.sidecarEnforces(ep.workload, ep.targetPort, 'STRICT')) continue;
      const step = sem.serverMode(ep.workload, ep.targetPort).decidedBy;
      if (!step || step.policy.resource.id !== input.resource.id) continue;
      if (namespaceRule && !samePath(stepPath(step), anchorPath)) continue;
      const key = `${dest.service.namespace}/${dest.service.name}`;
      const entry = into.get(key) ?? { service: dest.service, ports: new Set<number>() };
      entry.ports.add(dest.port);
      into.set(key, entry);
    }
  }
}

/**
 * A DestinationRule of the Service's namespace for the same host, with a trafficPolicy, would keep
 * its own (§B5: one trafficPolicy per host and namespace): a new one would be ignored there.
 */
function hasCompetingRule(sem: MeshSemantics, svc: ServiceObject): boolean {
  const host = serviceHost(svc.name, svc.namespace);
  return sem.model.destinationRules.some((dr) => dr.namespace === svc.namespace && !dr.workloadSelector && dr.trafficPolicy && resolveShortHost(dr.host, dr.namespace) === host);
}

function usedNames(input: FixInput, namespace: string): Set<string> {
  const out = new Set<string>();
  for (const ctx of input.snapshot.result.contexts) {
    for (const r of ctx.model.resources) if (r.kind === 'DestinationRule' && r.namespace === namespace) out.add(r.name);
  }
  return out;
}

function destinationRuleText(a: AffectedService, name: string, unit: number, eol: string): string {
  const svc = a.service;
  const y = new YamlLines(unit, eol);
  y.line(0, 'apiVersion: networking.istio.io/v1').line(0, 'kind: DestinationRule').line(0, 'metadata:');
  y.entry(1, 'name', name).entry(1, 'namespace', svc.namespace);
  y.line(0, 'spec:').entry(1, 'host', serviceHost(svc.name, svc.namespace)).line(1, 'trafficPolicy:');
  const all = svc.ports.every((p) => a.ports.has(p.port));
  if (all) y.line(2, 'tls:').line(3, 'mode: ISTIO_MUTUAL');
  else {
    // Only the STRICT ports: ISTIO_MUTUAL on a DISABLE port would break it (§C5).
    y.line(2, 'portLevelSettings:');
    const dash = 2 * unit;
    const key = dash + 2;
    for (const port of [...a.ports].sort((x, z) => x - z)) {
      y.at(dash, '- port:').at(key + unit, `number: ${port}`).at(key, 'tls:').at(key + unit, 'mode: ISTIO_MUTUAL');
    }
  }
  return y.toString();
}

/** One fix that appends a DestinationRule per affected Service of all the given findings. */
export function appendIstioMutualRules(inputs: readonly FixInput[]): Fix | undefined {
  const first = inputs[0];
  const sem = first?.context?.sem;
  if (!first || !sem) return undefined;
  const affected = new Map<string, AffectedService>();
  for (const input of inputs) if (input.context) affectedPorts(input.context.sem, input, affected);
  const list = [...affected.values()]
    .filter((a) => !hasCompetingRule(sem, a.service))
    .sort((a, b) => `${a.service.namespace}/${a.service.name}`.localeCompare(`${b.service.namespace}/${b.service.name}`));
  if (list.length === 0) return undefined;
  const unit = indentUnitOf(first.text);
  const eol = eolOf(first.text);
  const docs = list.map((a) => {
    const taken = usedNames(first, a.service.namespace);
    let name = `${a.service.name}-istio-mutual`;
    for (let i = 2; taken.has(name); i++) name = `${a.service.name}-istio-mutual-${i}`;
    return destinationRuleText(a, name, unit, eol);
  });
  const edit = appendDocuments(first.text, docs);
  if (!edit) return undefined;
  const shownHosts = list.slice(0, MAX_TITLE_HOSTS).map((a) => `${nameText(a.service.name)}.${nameText(a.service.namespace)}`);
  const hosts = shownHosts.join(', ') + (list.length > MAX_TITLE_HOSTS ? ` and ${list.length - MAX_TITLE_HOSTS} more` : '');
  const what = list.length === 1 ? 'a DestinationRule' : `${list.length} DestinationRules`;
  return { title: `Add ${what} with tls mode ISTIO_MUTUAL for ${hosts} (append to this file)`, edits: [edit], preferred: true };
}

export function istioMutualRuleFix(input: FixInput): Fix[] {
  const fix = appendIstioMutualRules([input]);
  return fix ? [fix] : [];
}
