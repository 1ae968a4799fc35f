import type { TlsBlock } from '../model/kinds/destinationRule';
import type { MergedDestinationRule } from '../semantics/destinationRuleIndex';
import { coversAllServiceHosts, namespaceOfServiceHost, serviceHost } from '../semantics/hosts';
import type { MeshSemantics } from '../semantics/meshSemantics';
import { tlsInForce } from '../semantics/trafficPolicySelection';
import { at } from './finding';
import type { Evidence, RuleContext, RuleOutput, RuleSet } from './ruleContext';
import { evidenceAt, reducePlaced } from './blockFindings';
import type { Finding } from './finding';
import { describe, listSome } from './describe';
import { nameText } from './quoteValue';

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

/**
 * The host a rule names in target namespace `ns`, if its host counts for `ns` (rules.md
 * `tls-conflicts-namespace-mode`): a host of the namespace, or a wildcard over all service hosts,
 * which counts for namespaces the workspace names by a Namespace object or a namespace policy.
 */
function hostIn(sem: MeshSemantics, host: string, ns: string): string | undefined {
  if (coversAllServiceHosts(host)) {
    const named = Boolean(sem.model.namespace(ns).namespaceObject) || (ns !== sem.rootNamespace && (sem.peerAuthn.namespaceLevel.get(ns)?.length ?? 0) > 0);
    return named ? serviceHost(ANY_HOST, ns) : undefined;
  }
  if (namespaceOfServiceHost(host) !== ns) return undefined;
  return host.startsWith('*.') ? serviceHost(ANY_HOST, ns) : host;
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
  for (const subset of sem.routedSubsets(host)) {
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
  /** Unit: one target namespace, against every rule for its hosts wherever the rule lives. */
  map(ctx: RuleContext, target: string) {
    const { sem } = ctx;
    if (!knownOnlyByPolicies(sem, target)) return [];
    const nsMode = sem.namespaceMode(target);
    if (nsMode.mode !== 'STRICT' && nsMode.mode !== 'DISABLE') return [];
    const mode = nsMode.mode;
    const step = nsMode.decidedBy;
    const out: RuleOutput[] = [];
    let clients: string[] | undefined;
    for (const holder of [...sem.ruleNamespacesTargeting(target)].sort()) {
      for (const rule of sem.rulesIn(holder).merged) {
        const host = hostIn(sem, rule.host, target);
        if (!host) continue;
        clients ??= clientNamespaces(sem);
        for (const client of clients) {
          if (client === target) continue;
          const picked = clientLabelSets(sem, client).some((labels) => sem.lookup({ namespace: client, labels }, host, target)?.rule === rule);
          if (!picked) continue;
          for (const { tls, owner } of blocksInForce(sem, rule, host)) {
            const conflict = (mode === 'STRICT' && tls.mode === 'DISABLE') || (mode === 'DISABLE' && tls.mode === 'ISTIO_MUTUAL');
            if (!conflict) continue;
            const data: Conflict = {
              target,
              mode,
              client: client === OTHER_NAMESPACE ? 'other namespaces' : client,
              ...(step ? { policy: { resource: step.policy.resource, path: step.policy.mode.path ?? ['metadata', 'name'] } } : {}),
            };
            out.push(evidenceAt('tls-conflicts-namespace-mode', owner.resource, tls.path, data, 'key'));
          }
          break;
        }
      }
    }
    return out;
  },
  reduce(evidence: readonly Evidence[]): Finding[] {
    return reducePlaced<Conflict>(evidence, (_rule, ev) => {
      const strict = ev.filter((e) => e.mode === 'STRICT');
      const disable = ev.filter((e) => e.mode === 'DISABLE');
      const parts: string[] = [];
      if (strict.length) parts.push(`sends plaintext to namespace ${listSome(unique(strict.map((e) => nameText(e.target))))}, which is STRICT: the connections are reset`);
      if (disable.length) parts.push(`sends Istio mTLS to namespace ${listSome(unique(disable.map((e) => nameText(e.target))))}, which is DISABLE: the server reads the ClientHello as plaintext and the connections fail`);
      return {
        message: `For clients in ${listSome(unique(ev.map((e) => nameText(e.client))))}, this block ${parts.join('; and it ')}.`,
        related: ev.flatMap((e) => (e.policy ? [{ anchor: at(e.policy.resource, e.policy.path), message: `${describe(e.policy.resource)} sets ${e.mode} for ${nameText(e.target)}` }] : [])),
      };
    });
  },
};

function unique(list: readonly string[]): string[] {
  return [...new Set(list)];
}
