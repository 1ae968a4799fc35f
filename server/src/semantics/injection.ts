import type { NamespaceObject } from '../model/kinds/namespace';
import type { Workload } from '../model/kinds/workload';
import { nameText } from '../rules/quoteValue';

/** Sidecar presence: `unknown` when it rests only on labels of a namespace the workspace does not have. */
export type Injection = 'yes' | 'no' | 'unknown';

export interface InjectionVerdict {
  readonly injected: Injection;
  /** Why, in the user's terms. */
  readonly reason: string;
}

/** Namespaces the injector never touches (`injectRequired`, §C1). */
export const IGNORED_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);

const INJECT = 'sidecar.istio.io/inject';
const REV = 'istio.io/rev';
const NS_INJECTION = 'istio-injection';
const TLS_MODE_LABEL = 'security.istio.io/tlsMode';

/**
 * §C1: does the workload get a sidecar? The webhook selectors first (namespace labels,
 * pod labels), then `injectRequired` (hostNetwork, ignored namespaces, opt-out).
 */
export function injectionOf(w: Workload, ns: NamespaceObject | undefined): InjectionVerdict {
  if (w.kind === 'WorkloadEntry') {
    return w.labels[TLS_MODE_LABEL] === 'istio'
      ? { injected: 'yes', reason: `WorkloadEntry labelled ${TLS_MODE_LABEL}=istio` }
      : { injected: 'unknown', reason: 'a WorkloadEntry without the tlsMode label' };
  }
  if (w.alreadyInjected) return { injected: 'yes', reason: 'the pod template already has the istio-proxy sidecar' };
  if (w.hostNetwork) return { injected: 'no', reason: 'hostNetwork: true pods are never injected' };
  if (IGNORED_NAMESPACES.has(w.namespace)) return { injected: 'no', reason: `namespace ${nameText(w.namespace)} is never injected` };
  const podLabel = w.labels[INJECT];
  const optOut = podLabel !== undefined ? podLabel === 'false' : w.annotations[INJECT] === 'false';
  if (optOut) return { injected: 'no', reason: `${INJECT}: "false"` };
  const podRev = w.labels[REV];
  if (!ns) {
    if (podLabel === 'true' || podRev !== undefined) return { injected: 'yes', reason: `pod label ${podLabel === 'true' ? `${INJECT}=true` : `${REV}=${nameText(podRev)}`}` };
    return { injected: 'unknown', reason: `namespace ${nameText(w.namespace)} is not in the workspace, so its injection labels are unknown` };
  }
  const nsInjection = ns.labels[NS_INJECTION];
  if (nsInjection !== undefined) {
    return nsInjection === 'enabled'
      ? { injected: 'yes', reason: `namespace ${nameText(ns.name)} has ${NS_INJECTION}=enabled` }
      : { injected: 'no', reason: `namespace ${nameText(ns.name)} has ${NS_INJECTION}=${nameText(nsInjection)}, which blocks injection` };
  }
  const nsRev = ns.labels[REV];
  if (nsRev !== undefined) return { injected: 'yes', reason: `namespace ${nameText(ns.name)} has ${REV}=${nameText(nsRev)}` };
  if (podLabel === 'true' && podRev === undefined) return { injected: 'yes', reason: `pod label ${INJECT}=true` };
  if (podRev !== undefined) return { injected: 'yes', reason: `pod label ${REV}=${nameText(podRev)}` };
  return { injected: 'no', reason: `namespace ${nameText(ns.name)} has no injection label and the pod does not opt in with the ${INJECT} label` };
}

/** Whether a namespace object carries an injection label (§C1). */
export function namespaceHasInjectionLabel(ns: NamespaceObject): boolean {
  return ns.labels[NS_INJECTION] !== undefined || ns.labels[REV] !== undefined;
}

/** The endpoint label auto mTLS reads (§B12): set by the injector, or by hand. */
export function hasIstioTlsModeLabel(w: Workload, injected: Injection): boolean {
  const label = w.labels[TLS_MODE_LABEL];
  if (label !== undefined) return label === 'istio';
  return injected === 'yes';
}
