import type { DestinationRuleObject, Subset, TrafficPolicy } from '../model/kinds/destinationRule';
import type { Labels } from '../model/kinds/labels';
import { compareByAge } from './policyAge';
import { resolveShortHost } from './hosts';

/**
 * §B5: the DestinationRules of one namespace for one host, merged as Istio merges them:
 * same host, same selector (or none) and same exportTo. The whole top-level trafficPolicy
 * comes from the first member that has one; subsets are concatenated by name.
 */
export interface MergedDestinationRule {
  readonly namespace: string;
  /** The host after §B1 resolution. */
  readonly host: string;
  /** undefined: a catch-all rule; else the workloadSelector labels (§B4). */
  readonly selector?: Labels;
  /** exportTo after defaults ('.' private, '*' public, or namespace names). */
  readonly exportTo: ReadonlySet<string>;
  /** Members in merge order (selector rules first, then age). */
  readonly members: readonly DestinationRuleObject[];
  /** The member whose trafficPolicy is in force. */
  readonly policyOwner?: DestinationRuleObject;
  readonly trafficPolicy?: TrafficPolicy;
  /** Subsets by name: the first member to define a name keeps it. */
  readonly subsets: ReadonlyMap<string, { readonly subset: Subset; readonly owner: DestinationRuleObject }>;
}

export interface NamespaceRules {
  readonly namespace: string;
  readonly merged: readonly MergedDestinationRule[];
}

export type DestinationRuleIndex = ReadonlyMap<string, NamespaceRules>;

/** What the §B3 lookup needs of an index: the rules of one namespace. */
export type NamespaceRulesSource = Pick<DestinationRuleIndex, 'get'>;

function exportSet(dr: DestinationRuleObject, meshDefault: '.' | '*'): Set<string> {
  return new Set(dr.exportTo.length ? dr.exportTo : [meshDefault]);
}

function setKey(s: ReadonlySet<string>): string {
  return [...s].sort().join(',');
}

function selectorKey(labels: Labels | undefined): string {
  if (!labels) return '';
  return '{' + Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join(',') + '}';
}

/** Merge order (§B5): selector rules first, then creationTimestamp, name, namespace. */
export function compareForMerge(a: DestinationRuleObject, b: DestinationRuleObject): number {
  const sa = a.workloadSelector ? 0 : 1;
  const sb = b.workloadSelector ? 0 : 1;
  return sa !== sb ? sa - sb : compareByAge(a.resource, b.resource);
}

/** §B5 for the DestinationRules of one namespace. */
export function mergeNamespaceRules(namespace: string, rules: readonly DestinationRuleObject[], meshDefaultExportTo: '.' | '*'): NamespaceRules {
  return indexDestinationRules(rules, meshDefaultExportTo).get(namespace) ?? { namespace, merged: [] };
}

export function indexDestinationRules(all: readonly DestinationRuleObject[], meshDefaultExportTo: '.' | '*'): DestinationRuleIndex {
  const groups = new Map<string, { ns: string; host: string; selector?: Labels; exportTo: Set<string>; members: DestinationRuleObject[] }>();
  for (const dr of [...all].sort(compareForMerge)) {
    if (!dr.host) continue;
    const host = resolveShortHost(dr.host, dr.namespace);
    const selector = dr.workloadSelector?.matchLabels;
    const exportTo = exportSet(dr, meshDefaultExportTo);
    const key = `${dr.namespace}|${host}|${selectorKey(selector)}|${setKey(exportTo)}`;
    const group = groups.get(key);
    if (group) group.members.push(dr);
    else groups.set(key, { ns: dr.namespace, host, ...(selector ? { selector } : {}), exportTo, members: [dr] });
  }
  const byNamespace = new Map<string, MergedDestinationRule[]>();
  for (const g of groups.values()) {
    const policyOwner = g.members.find((m) => m.trafficPolicy !== undefined);
    const subsets = new Map<string, { subset: Subset; owner: DestinationRuleObject }>();
    for (const m of g.members) for (const s of m.subsets) if (!subsets.has(s.name)) subsets.set(s.name, { subset: s, owner: m });
    const merged: MergedDestinationRule = {
      namespace: g.ns,
      host: g.host,
      ...(g.selector ? { selector: g.selector } : {}),
      exportTo: g.exportTo,
      members: g.members,
      ...(policyOwner ? { policyOwner, trafficPolicy: policyOwner.trafficPolicy } : {}),
      subsets,
    };
    const list = byNamespace.get(g.ns) ?? [];
    list.push(merged);
    byNamespace.set(g.ns, list);
  }
  const out = new Map<string, NamespaceRules>();
  for (const [ns, merged] of byNamespace) out.set(ns, { namespace: ns, merged });
  return out;
}
