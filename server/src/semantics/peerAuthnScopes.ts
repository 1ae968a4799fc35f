import type { PeerAuthenticationObject } from '../model/kinds/peerAuthentication';
import { isEmptySelector } from '../model/kinds/labels';
import type { Workload } from '../model/kinds/workload';
import { selectorMatches } from './labelMatch';
import { oldestFirst } from './policyAge';

export type PeerAuthnScope = 'mesh' | 'namespace' | 'workload' | 'ignored';

/** §A2: the scope of a PeerAuthentication, from its namespace and selector. */
export function peerAuthnScope(pa: PeerAuthenticationObject, rootNamespace: string): PeerAuthnScope {
  const selectorless = isEmptySelector(pa.selector);
  if (pa.namespace === rootNamespace) return selectorless ? 'mesh' : 'ignored';
  return selectorless ? 'namespace' : 'workload';
}

/** The PeerAuthentications of a workspace by scope, each list oldest first (§A3, §A4). */
export interface PeerAuthnIndex {
  readonly rootNamespace: string;
  /** Selector-less policies of the root namespace, oldest first; the first one wins. */
  readonly meshLevel: readonly PeerAuthenticationObject[];
  /** Selector-less policies per namespace, oldest first. */
  readonly namespaceLevel: ReadonlyMap<string, readonly PeerAuthenticationObject[]>;
  /** Policies with a selector per namespace (root excluded), oldest first. */
  readonly workloadLevel: ReadonlyMap<string, readonly PeerAuthenticationObject[]>;
  readonly ignored: readonly PeerAuthenticationObject[];
}

export function indexPeerAuthentications(all: readonly PeerAuthenticationObject[], rootNamespace: string): PeerAuthnIndex {
  const meshLevel: PeerAuthenticationObject[] = [];
  const namespaceLevel = new Map<string, PeerAuthenticationObject[]>();
  const workloadLevel = new Map<string, PeerAuthenticationObject[]>();
  const ignored: PeerAuthenticationObject[] = [];
  const push = (map: Map<string, PeerAuthenticationObject[]>, pa: PeerAuthenticationObject) => {
    const list = map.get(pa.namespace) ?? [];
    list.push(pa);
    map.set(pa.namespace, list);
  };
  for (const pa of oldestFirst(all)) {
    const scope = peerAuthnScope(pa, rootNamespace);
    if (scope === 'mesh') meshLevel.push(pa);
    else if (scope === 'namespace') push(namespaceLevel, pa);
    else if (scope === 'workload') push(workloadLevel, pa);
    else ignored.push(pa);
  }
  return { rootNamespace, meshLevel, namespaceLevel, workloadLevel, ignored };
}

export function meshPolicy(index: PeerAuthnIndex): PeerAuthenticationObject | undefined {
  return index.meshLevel[0];
}

export function namespacePolicy(index: PeerAuthnIndex, namespace: string): PeerAuthenticationObject | undefined {
  return index.namespaceLevel.get(namespace)?.[0];
}

/** §A4: the workload-level policies selecting a workload, oldest first; the first one applies. */
export function workloadPolicies(index: PeerAuthnIndex, w: Workload): PeerAuthenticationObject[] {
  const candidates = index.workloadLevel.get(w.namespace) ?? [];
  return candidates.filter((pa) => pa.selector && selectorMatches(pa.selector.matchLabels, w.labels));
}
