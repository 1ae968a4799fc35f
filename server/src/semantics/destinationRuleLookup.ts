import type { Labels } from '../model/kinds/labels';
import { selectorMatches } from './labelMatch';
import { mostSpecificHost } from './hosts';
import type { MergedDestinationRule, NamespaceRulesSource } from './destinationRuleIndex';

/** Which step of §B3 found the rule: the client's namespace, the service's, or the root. */
export type LookupStep = 'client' | 'service' | 'root';

export interface DestinationRuleChoice {
  readonly rule: MergedDestinationRule;
  readonly step: LookupStep;
}

export interface LookupClient {
  readonly namespace: string;
  readonly labels: Labels;
}

/** A rule in the client's own namespace that the client's proxy can use (§B3 step 1, §B4). */
function locallyVisible(rule: MergedDestinationRule, client: LookupClient, rootNamespace: string): boolean {
  if (rule.selector) return true; // matched against the proxy's labels after the host is chosen
  const e = rule.exportTo;
  if (client.namespace === rootNamespace) return e.has('.');
  return e.has('.') || e.has('*') || e.has(client.namespace);
}

/** A rule that another namespace's proxies can use (§B3 steps 2 and 3). Selector rules are private (§B4). */
function exported(rule: MergedDestinationRule): boolean {
  if (rule.selector) return false;
  return [...rule.exportTo].some((e) => e !== '.');
}

function visibleTo(rule: MergedDestinationRule, clientNamespace: string): boolean {
  return rule.exportTo.has('*') || rule.exportTo.has(clientNamespace);
}

/** §B4: the first selector rule matching the proxy, else the last catch-all rule (`SidecarScope.DestinationRule`). */
function pickForProxy(rules: readonly MergedDestinationRule[], client: LookupClient): MergedDestinationRule | undefined {
  let catchAll: MergedDestinationRule | undefined;
  for (const r of rules) {
    if (!r.selector) catchAll = r;
    else if (selectorMatches(r.selector, client.labels)) return r;
  }
  return catchAll;
}

/**
 * §B3/§B4: the DestinationRule a client proxy uses for a service host. The first namespace
 * that yields a host match wins; rules are never merged across namespaces.
 */
export function lookupDestinationRule(
  index: NamespaceRulesSource,
  rootNamespace: string,
  client: LookupClient,
  host: string,
  serviceNamespace: string,
): DestinationRuleChoice | undefined {
  const local = (index.get(client.namespace)?.merged ?? []).filter((r) => locallyVisible(r, client, rootNamespace));
  const localHost = mostSpecificHost(host, local.map((r) => r.host));
  if (localHost !== undefined) {
    const picked = pickForProxy(local.filter((r) => r.host === localHost), client);
    return picked ? { rule: picked, step: 'client' } : undefined;
  }
  const steps: Array<[string, LookupStep]> = [[serviceNamespace, 'service'], [rootNamespace, 'root']];
  for (const [ns, step] of steps) {
    const candidates = (index.get(ns)?.merged ?? []).filter(exported);
    const best = mostSpecificHost(host, candidates.map((r) => r.host));
    if (best === undefined) continue;
    const visible = candidates.filter((r) => r.host === best && visibleTo(r, client.namespace));
    const picked = pickForProxy(visible, client);
    if (picked) return { rule: picked, step };
  }
  return undefined;
}
