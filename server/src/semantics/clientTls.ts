import type { TlsBlock } from '../model/kinds/destinationRule';
import type { DestinationRuleObject } from '../model/kinds/destinationRule';
import type { ServerMode } from './serverMode';
import type { TlsInForce } from './trafficPolicySelection';

/** What a client sidecar puts on the wire towards one endpoint (§G step 4). */
export type Wire = 'PLAINTEXT' | 'MTLS' | 'USER_TLS' | 'UNKNOWN';

export interface WireDecision {
  readonly wire: Wire;
  /** Why, in the user's terms. */
  readonly reason: string;
}

/** §B9: explicit DestinationRule TLS. The owner decides whether a credentialName survives. */
export function wireForTlsBlock(tls: TlsBlock, owner: DestinationRuleObject | undefined): WireDecision {
  switch (tls.mode) {
    case 'INVALID':
      return { wire: 'UNKNOWN', reason: 'the tls mode is not valid' };
    case 'DISABLE':
      return { wire: 'PLAINTEXT', reason: tls.modeGiven ? 'tls.mode DISABLE' : 'a tls block without mode means DISABLE (§B8)' };
    case 'ISTIO_MUTUAL':
      return { wire: 'MTLS', reason: 'tls.mode ISTIO_MUTUAL sends Istio mTLS to every endpoint' };
    case 'SIMPLE':
    case 'MUTUAL': {
      if (credentialNameDropped(tls, owner)) {
        return { wire: 'PLAINTEXT', reason: `credentialName on a DestinationRule without workloadSelector: sidecars drop the TLS settings` };
      }
      if (tls.mode === 'MUTUAL' && !hasMutualCredentials(tls)) {
        return { wire: 'PLAINTEXT', reason: 'MUTUAL without client certificate and key: no TLS context is attached' };
      }
      return { wire: 'USER_TLS', reason: `tls.mode ${tls.mode} originates TLS with non-mesh certificates` };
    }
  }
}

export function hasMutualCredentials(tls: TlsBlock): boolean {
  return (tls.hasClientCertificate && tls.hasPrivateKey) || !!tls.credentialName;
}

/** §B9: sidecars ignore `credentialName` (not `configmap://`) on a DestinationRule without workloadSelector. */
export function credentialNameDropped(tls: TlsBlock, owner: DestinationRuleObject | undefined): boolean {
  if (tls.mode !== 'SIMPLE' && tls.mode !== 'MUTUAL') return false;
  if (!tls.credentialName || tls.credentialName.startsWith('configmap://')) return false;
  return !owner?.workloadSelector;
}

/** The facts auto mTLS reads for one destination (§B10, §B15). */
export interface AutoMtlsInputs {
  readonly enableAutoMtls: boolean;
  readonly meshExternal: boolean;
  /** nsMode of the service's namespace (§B10). */
  readonly namespaceMode: ServerMode;
  readonly headless: boolean;
}

export interface AutoEndpoint {
  /** The endpoint carries `security.istio.io/tlsMode=istio` (§B12). */
  readonly tlsModeIstio: boolean;
  /** effectivePAMode on the endpoint's target port (§B11). */
  readonly serverMode: ServerMode;
}

/** §B10, §B11: what auto mTLS sends to one endpoint, given all the endpoints of the cluster. */
export function autoMtlsWire(inputs: AutoMtlsInputs, inForce: TlsInForce, endpoint: AutoEndpoint, all: readonly AutoEndpoint[]): WireDecision {
  if (!inputs.enableAutoMtls) return { wire: 'PLAINTEXT', reason: 'enableAutoMtls is false and no DestinationRule sets tls' };
  if (inputs.meshExternal) return { wire: 'PLAINTEXT', reason: 'auto mTLS sends plaintext to MESH_EXTERNAL hosts' };
  if (inputs.namespaceMode === 'UNKNOWN') return { wire: 'UNKNOWN', reason: 'the namespace mode is not valid' };
  if (inputs.namespaceMode === 'DISABLE') {
    return { wire: 'PLAINTEXT', reason: "auto mTLS sends plaintext because the service namespace's mode is DISABLE (§B10)" };
  }
  if (inputs.headless) {
    const allIstio = all.length > 0 && all.every((e) => e.tlsModeIstio);
    return allIstio
      ? { wire: 'MTLS', reason: 'auto mTLS: every endpoint of the headless service is labelled tlsMode=istio' }
      : { wire: 'PLAINTEXT', reason: 'auto mTLS: a headless service with an endpoint without a sidecar gets plaintext for all' };
  }
  if (!endpoint.tlsModeIstio) return { wire: 'PLAINTEXT', reason: 'auto mTLS: the endpoint has no sidecar (no tlsMode=istio label)' };
  if (inForce.edsMode !== undefined) {
    if (inForce.edsMode === 'INVALID') return { wire: 'UNKNOWN', reason: 'the tls mode is not valid' };
    return inForce.edsMode === 'ISTIO_MUTUAL'
      ? { wire: 'MTLS', reason: 'auto mTLS, with the DestinationRule tls mode ISTIO_MUTUAL on the endpoint metadata (§B11)' }
      : { wire: 'PLAINTEXT', reason: `auto mTLS, but the DestinationRule tls mode ${inForce.edsMode} clears the endpoint's tlsMode (§B11)` };
  }
  if (endpoint.serverMode === 'UNKNOWN') return { wire: 'UNKNOWN', reason: 'the endpoint mode is not valid' };
  return endpoint.serverMode === 'DISABLE'
    ? { wire: 'PLAINTEXT', reason: 'auto mTLS sends plaintext to an endpoint whose workload- or port-level mode is DISABLE (§B11)' }
    : { wire: 'MTLS', reason: 'auto mTLS sends Istio mTLS to a sidecar endpoint' };
}
