import type { TlsBlock } from '../model/kinds/destinationRule';
import type { MergedDestinationRule } from '../semantics/destinationRuleIndex';
import { coversAllServiceHosts, namespaceOfServiceHost, serviceHost } from '../semantics/hosts';
import type { MeshSemantics } from '../semantics/meshSemantics';
import { tlsInForce } from '../semantics/trafficPolicySelection';
import { at } from './finding';
import type { RuleContext, RuleSet } from './ruleContext';
import { FindingCollector } from './blockFindings';
import { describe, listSome } from './describe';

/** A client namespace that no resource names: it has no rules of its own and is in no exportTo list. */
const OTHER_NAMESPACE = '\u0000any-other-namespace';
/** A host no rule names exactly, to ask which wildcard a namespace's other hosts get. */
const ANY_HOST = '\u0000any-host';

interface Conflict {
  readonly target: string;
  readonly mode: 'STRICT' | 'DISABLE';
  readonly client: string;
  readonly policy?: { resource: MergedDestinationRule['members'][number]['resource']; path: readonly (string | number)[] };
}

/** Namespaces a target host counts for (rules.md `tls-conflicts-namespace-mode`). */
function targetNamespaces(sem: MeshSemantics, host: string): Array<{ namespace: string; host: string }> {
  const model = sem.model;
  if (coversAllServiceHosts(host)) {
    const names = new Set<string>([...model.namespaceObjectsNames(), ...sem.peerAuthn.namespaceLevel.keys()]);
    return [...names].map((ns) => ({ namespace: ns, host: serviceHost(ANY_HOST, ns) }));
  }
  const ns = namespaceOfServiceHost(host);
  if (!ns) return [];
  return [{ namespace: ns, host: host.startsWith('*.') ? serviceHost(ANY_HOST, ns) : host }];
}

/** The namespace holds nothing the per-workload rules could judge. */
function knownOnlyByPolicies(sem: MeshSemantics, ns: string): boolean {
  const model = sem.model;
  const b = model.namespace(ns);
  return b.services.length === 0 && b.workloads.length === 0 && !(sem.peerAuthn.workloadLevel.get(ns)?.length);
}

/** Client namespaces to try: every namespace the workspace names, and one it does not. */
function clientNamespaces(sem: MeshSemantics): string[] {
  const names = new Set<string>([OTHER_NAMESPACE, sem.rootNamespace, ...sem.model.namespaceNames().filter(Boolean)]);
  for (const e of sem.namespacesNamedInExportTo()) if (e !== '~') names.add(e);
  return [...names];
}

/** Label sets that make each selector rule of a namespace apply, plus none. */
function clientLabelSets(sem: MeshSemantics, ns: string): Array<Readonly<Record<string, string>>> {
  const sets: Array<Readonly<Record<string, string>>> = [{}];
  for (const r of sem.rulesIn(ns).merged) if (r.selector) sets.push(r.selector);
  return sets;
}

/** The blocks of a rule a client may be given for a host with unknown ports (§B6, §B7). */
function blocksInForce(sem: MeshSemantics, rule: MergedDestinationRule, host: string): Array<{ tls: TlsBlock; owner: MergedDestinationRule['members'][number] }> {
  const out: Array<{ tls: TlsBlock; owner: MergedDestinationRule['members'][number] }> = [];
  const tp = rule.trafficPolicy;
  const owner = rule.policyOwner;
  if (tp && owner) {
    if (tp.tls) out.push({ tls: tp.tls, owner });
    for (const p of tp.portLevel) if (p.tls) out.push({ tls: p.tls, owner });
  }
  for (const subset of sem.routed.get(host) ?? []) {
    const s = rule.subsets.get(subset);
    const stp = s?.subset.trafficPolicy;
    if (!s || !stp) continue;
    const inForce = tlsInForce(rule, -1, subset);
    if (inForce.tls && (inForce.level === 'subset' || inForce.level === 'subset-port')) out.push({ tls: inForce.tls, owner: s.owner });
    for (const p of stp.portLevel) if (p.tls) out.push({ tls: p.tls, owner: s.owner });
  }
  return out;
}

/**
 * rules.md `tls-conflicts-namespace-mode`, the fallback for repositories that hold policies but
 * not the workloads: a block the §B3 lookup would give some client, against the namespace-level
 * (else mesh-level) mode of the target namespace (§C2, §C5).
 */
export const namespaceModeConflictRules: RuleSet = {
  name: 'tls-conflicts-namespace-mode',
  ids: ['tls-conflicts-namespace-mode'],
  /** Unit: the DestinationRules of one namespace. */
  map(ctx: RuleContext, namespace: string) {
    const { sem } = ctx;
    const collector = new FindingCollector<Conflict>();
    let clients: string[] | undefined;
    {
      for (const rule of sem.rulesIn(namespace).merged) {
        for (const target of targetNamespaces(sem, rule.host)) {
          if (!knownOnlyByPolicies(sem, target.namespace)) continue;
          const nsMode = sem.namespaceMode(target.namespace);
          if (nsMode.mode !== 'STRICT' && nsMode.mode !== 'DISABLE') continue;
          const mode = nsMode.mode;
          clients ??= clientNamespaces(sem);
          for (const client of clients) {
            if (client === target.namespace) continue;
            const picked = clientLabelSets(sem, client).some((labels) => sem.lookup({ namespace: client, labels }, target.host, target.namespace)?.rule === rule);
            if (!picked) continue;
            for (const { tls, owner } of blocksInForce(sem, rule, target.host)) {
              const conflict = (mode === 'STRICT' && tls.mode === 'DISABLE') || (mode === 'DISABLE' && tls.mode === 'ISTIO_MUTUAL');
              if (!conflict) continue;
              const step = nsMode.decidedBy;
              collector.add(owner.resource, tls.path, {
                target: target.namespace,
                mode,
                client: client === OTHER_NAMESPACE ? 'other namespaces' : client,
                ...(step ? { policy: { resource: step.policy.resource, path: step.policy.mode.path ?? ['metadata', 'name'] } } : {}),
              }, 'key');
            }
            break;
          }
        }
      }
    }
    return collector.findings('tls-conflicts-namespace-mode', (ev) => {
      const strict = ev.filter((e) => e.mode === 'STRICT');
      const disable = ev.filter((e) => e.mode === 'DISABLE');
      const parts: string[] = [];
      if (strict.length) parts.push(`sends plaintext to namespace ${listSome(strict.map((e) => e.target))}, which is STRICT: the connections are reset`);
      if (disable.length) parts.push(`sends Istio mTLS to namespace ${listSome(disable.map((e) => e.target))}, which is DISABLE: the server reads the ClientHello as plaintext and the connections fail`);
      return {
        message: `For clients in ${listSome(ev.map((e) => e.client))}, this block ${parts.join('; and it ')}.`,
        related: ev.flatMap((e) => (e.policy ? [{ anchor: at(e.policy.resource, e.policy.path), message: `${describe(e.policy.resource)} sets ${e.mode} for ${e.target}` }] : [])),
      };
    });
  },
};
