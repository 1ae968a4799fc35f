import { readLinkerdTrustDomain, readLiveMeshSettings, type LiveMeshSettings } from '../analysis/meshSettings';
import type { ClusterReader } from '../read/clusterReader';
import { configMapData, configMapsOf } from '../read/clusterQueries';
import { errorText, isNotFound, KubeError } from '../read/kubeError';

export interface IstioDetection {
  readonly found: boolean;
  readonly settings: LiveMeshSettings;
  /** Why the mesh config could not be read (the defaults apply). */
  readonly problem?: string;
}

export interface LinkerdDetection {
  readonly found: boolean;
  readonly anchorsPem?: string;
  readonly trustDomain: string;
  readonly problem?: string;
}

/** Errors that mean the context itself cannot be used (rather than one object being unreadable). */
export function isContextWide(e: unknown): boolean {
  return e instanceof KubeError && (e.kind === 'unreachable' || e.kind === 'unauthorized' || e.kind === 'cancelled' || e.kind === 'timeout');
}

const NOT_MESH_CONFIG = /^istio-(ca-root-cert|sidecar-injector|leader|namespace-controller-election|gateway-)/;

/** The `istio` ConfigMap (or a revisioned `istio-<rev>`) in istiod's namespace (§F4). */
export async function detectIstio(reader: ClusterReader, namespace: string, signal: AbortSignal): Promise<IstioDetection> {
  const defaults = (why: string) => readLiveMeshSettings(undefined, why, 'istio-system');
  try {
    const data = await configMapData(reader, namespace, 'istio', signal);
    if (data) return { found: true, settings: readLiveMeshSettings(data.mesh, `ConfigMap ${namespace}/istio`, 'istio-system') };
    let all: Awaited<ReturnType<typeof configMapsOf>> = [];
    try {
      all = await configMapsOf(reader, namespace, signal);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    const revisioned = all.find((c) => c.name.startsWith('istio-') && !NOT_MESH_CONFIG.test(c.name) && typeof c.data.mesh === 'string');
    if (revisioned) return { found: true, settings: readLiveMeshSettings(revisioned.data.mesh, `ConfigMap ${namespace}/${revisioned.name}`, 'istio-system') };
    return { found: false, settings: defaults('Istio defaults') };
  } catch (e) {
    if (isContextWide(e)) throw e;
    const problem = errorText(e);
    return { found: true, settings: defaults(`Istio defaults (ConfigMap ${namespace}/istio unreadable: ${problem})`), problem };
  }
}

/** Linkerd's trust anchors (§E8: ConfigMap linkerd-identity-trust-roots, key ca-bundle.crt). */
export async function detectLinkerd(reader: ClusterReader, namespace: string, signal: AbortSignal): Promise<LinkerdDetection> {
  try {
    const roots = await configMapData(reader, namespace, 'linkerd-identity-trust-roots', signal);
    if (!roots) return { found: false, trustDomain: 'cluster.local' };
    let trustDomain = 'cluster.local';
    try {
      trustDomain = readLinkerdTrustDomain((await configMapData(reader, namespace, 'linkerd-config', signal))?.values);
    } catch (e) {
      if (isContextWide(e)) throw e;
    }
    const pem = roots['ca-bundle.crt'];
    return { found: true, trustDomain, ...(pem ? { anchorsPem: pem } : {}) };
  } catch (e) {
    if (isContextWide(e)) throw e;
    return { found: false, trustDomain: 'cluster.local', problem: errorText(e) };
  }
}
