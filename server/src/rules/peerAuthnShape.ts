import type { PeerAuthenticationObject } from '../model/kinds/peerAuthentication';
import { isEmptySelector } from '../model/kinds/labels';
import { declaredPorts, type Workload } from '../model/kinds/workload';
import { resolveTargetPort } from '../semantics/destinations';
import { selectorMatches } from '../semantics/labelMatch';
import { at, type Finding } from './finding';
import type { RuleContext, RuleSet } from './ruleContext';
import { describe, listSome } from './describe';
import { nameText, quoteValue } from './quoteValue';

function losers(list: readonly PeerAuthenticationObject[], scope: string): Finding[] {
  const [winner, ...rest] = list;
  return rest.map((pa) => ({
    rule: 'duplicate-scope-policy',
    message: `${describe(winner.resource)} is also a ${scope} PeerAuthentication and is older${winner.resource.creationTimestamp ? '' : ' (same age: the name decides)'}: Istio keeps only the oldest one, so this policy is ignored.`,
    anchor: at(pa.resource, ['metadata', 'name']),
    related: [{ anchor: at(winner.resource, ['metadata', 'name']), message: `the ${scope} policy in force` }],
  }));
}

/** PeerAuthentication shape (§A2–§A7): scopes, duplicates and port-level keys. */
export const peerAuthnShapeRules: RuleSet = {
  name: 'peer-authentication-shape',
  ids: ['duplicate-scope-policy', 'duplicate-workload-policy', 'root-selector-ignored', 'port-level-without-selector', 'invalid-port-level-key', 'port-level-service-port'],
  /** Unit: the policies and workloads of one namespace. */
  map(ctx: RuleContext, namespace: string) {
    const { model, sem } = ctx;
    const index = sem.peerAuthn;
    const out: Finding[] = [];
    if (namespace === sem.rootNamespace) out.push(...losers(index.meshLevel, 'mesh-level'));
    else out.push(...losers(index.namespaceLevel.get(namespace) ?? [], 'namespace-level'));
    const bucket = model.namespace(namespace);

    // §A4: per workload, every matching workload-level policy but the oldest is ignored.
    const lost = new Map<PeerAuthenticationObject, { winners: Set<PeerAuthenticationObject>; workloads: string[]; first: PeerAuthenticationObject; workloadRes: Workload }>();
    for (const w of bucket.workloads) {
      const [winner, ...rest] = sem.workloadPolicies(w);
      for (const pa of rest) {
        const entry = lost.get(pa) ?? { winners: new Set(), workloads: [], first: winner, workloadRes: w };
        entry.winners.add(winner);
        entry.workloads.push(nameText(w.name));
        lost.set(pa, entry);
      }
    }
    for (const [pa, e] of lost) {
      out.push({
        rule: 'duplicate-workload-policy',
        message: `${listSome(e.workloads)} ${e.workloads.length === 1 ? 'is' : 'are'} also selected by the older ${listSome([...e.winners].map((p) => describe(p.resource)))}: only the oldest workload-level policy applies, with no merging, so this policy (its portLevelMtls included) is ignored there.`,
        anchor: at(pa.resource, pa.selector?.path ?? ['metadata', 'name'], 'key'),
        related: [
          { anchor: at(e.first.resource, ['metadata', 'name']), message: 'the policy that applies' },
          { anchor: at(e.workloadRes.resource, ['metadata', 'name']), message: `${describe(e.workloadRes.resource)} is selected by both` },
        ],
      });
    }

    for (const pa of bucket.peerAuthentications) {
      if (pa.namespace === sem.rootNamespace && !isEmptySelector(pa.selector) && pa.selector) {
        out.push({
          rule: 'root-selector-ignored',
          message: `A PeerAuthentication with a selector in the root namespace (${nameText(sem.rootNamespace)}) is ignored entirely, for every workload, whatever the API's field comment says. Move it to the workloads' namespace.`,
          anchor: at(pa.resource, pa.selector.path, 'key'),
          related: [],
        });
      }
      if (pa.hasPortLevelMtls && isEmptySelector(pa.selector)) {
        out.push({
          rule: 'port-level-without-selector',
          message: 'portLevelMtls needs a selector: Istio rejects it on a mesh- or namespace-level policy, and if it gets in, the port settings are never read.',
          anchor: at(pa.resource, ['spec', 'portLevelMtls'], 'key'),
          related: [],
        });
      }
      out.push(...portLevelKeys(ctx, pa));
    }
    return out;
  },
};

function portLevelKeys(ctx: RuleContext, pa: PeerAuthenticationObject): Finding[] {
  const out: Finding[] = [];
  if (pa.hasPortLevelMtls && pa.portLevel.length === 0) {
    out.push({
      rule: 'invalid-port-level-key',
      message: 'portLevelMtls is empty (or not a map of port numbers): Istio rejects it.',
      anchor: at(pa.resource, ['spec', 'portLevelMtls'], 'key'),
      related: [],
    });
  }
  for (const e of pa.portLevel) {
    if (e.port === undefined) {
      out.push({
        rule: 'invalid-port-level-key',
        message: `portLevelMtls key ${quoteValue(e.key)} is not a port number from 1 to 65535: Istio rejects the policy, and this port setting never applies. Keys are the workload's container port numbers, not names.`,
        anchor: at(pa.resource, e.path, 'key'),
        related: [],
      });
    }
  }
  if (!pa.selector || isEmptySelector(pa.selector) || pa.namespace === ctx.sem.rootNamespace) return out;
  const selector = pa.selector.matchLabels;
  const matched = ctx.model.namespace(pa.namespace).workloads.filter((w) => selectorMatches(selector, w.labels));
  if (matched.length === 0) return out;
  const containerPorts = new Set(matched.flatMap(declaredPorts));
  for (const e of pa.portLevel) {
    if (e.port === undefined || containerPorts.has(e.port)) continue;
    for (const svc of ctx.model.namespace(pa.namespace).services) {
      if (!svc.selector) continue;
      const sp = svc.ports.find((p) => p.port === e.port);
      if (!sp) continue;
      const w = matched.find((m) => svc.selector && selectorMatches(svc.selector, m.labels));
      const target = w ? resolveTargetPort(sp, w) : undefined;
      if (!w || target === undefined || target === e.port) continue;
      out.push({
        rule: 'port-level-service-port',
        message: `portLevelMtls key ${e.port} is the port of Service ${nameText(svc.name)}, but keys are workload (target) ports: this entry matches no inbound port of ${nameText(w.name)}, whose Service port ${e.port} reaches container port ${target}. Use ${target}.`,
        anchor: at(pa.resource, e.path, 'key'),
        related: [{ anchor: at(svc.resource, sp.path), message: `Service port ${e.port} -> targetPort ${target}` }],
      });
      break;
    }
  }
  return out;
}
