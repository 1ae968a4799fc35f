import { analyseCaSecret } from '../analysis/meshCaAnalysis';
import { readBundleCertificates } from '../analysis/certificateBundle';
import type { ClusterReader } from '../read/clusterReader';
import { secretCertificates } from '../read/clusterQueries';
import { errorText } from '../read/kubeError';
import { BundleNode } from './bundleNode';
import { CONTEXT_VALUE, type ClusterNode, type NodeView, type TreeEnv } from './clusterNode';
import { LazyNode } from './lazyNode';
import type { LinkerdDetection } from './meshDetection';
import { MessageNode } from './messageNode';
import { namespaceNodes } from './namespaceList';

/** Linkerd (§E8): trust anchors, the issuer checked against them, then namespaces with linkerd-proxy pods. */
export class LinkerdMeshNode extends LazyNode {
  constructor(
    env: TreeEnv,
    parent: ClusterNode,
    private readonly reader: ClusterReader,
    private readonly detection: LinkerdDetection,
    private readonly controlPlaneNamespace: string,
  ) {
    super(env, `${parent.id}/linkerd`, parent);
  }

  view(): NodeView {
    return {
      label: 'Linkerd',
      description: `trust domain ${this.detection.trustDomain} · control plane ${this.controlPlaneNamespace}`,
      tooltip: `Trust anchors from ConfigMap ${this.controlPlaneNamespace}/linkerd-identity-trust-roots`,
      icon: 'mesh',
      collapsible: 'collapsed',
      contextValue: CONTEXT_VALUE.mesh,
    };
  }

  protected async load(signal: AbortSignal): Promise<ClusterNode[]> {
    const s = this.env.settings();
    const now = this.env.now();
    const ns = this.controlPlaneNamespace;
    const out: ClusterNode[] = [];
    const anchorsSource = `ConfigMap ${ns}/linkerd-identity-trust-roots`;
    const anchors = analyseCaSecret({ source: anchorsSource, values: this.detection.anchorsPem ? { 'ca-bundle.crt': this.detection.anchorsPem } : {}, now, caWarningDays: s.caExpiryWarningDays });
    out.push(...anchors.map((b) => new BundleNode(this.env, this, b, this.reader.context, anchorsSource, true)));
    try {
      const issuer = await secretCertificates(this.reader, ns, 'linkerd-identity-issuer', signal);
      if (issuer && Object.keys(issuer.values).length) {
        const roots = readBundleCertificates(this.detection.anchorsPem).certificates;
        const values = Object.fromEntries(Object.entries(issuer.values).filter(([k]) => k !== 'ca.crt'));
        const bundles = analyseCaSecret({ source: `Secret ${ns}/linkerd-identity-issuer`, values, now, caWarningDays: s.caExpiryWarningDays }, { name: 'the trust anchors', certificates: roots });
        out.push(...bundles.map((b) => new BundleNode(this.env, this, b, this.reader.context, `Secret ${ns}/linkerd-identity-issuer`, true)));
      } else {
        out.push(new MessageNode(this, 'issuer', 'info', `no Secret ${ns}/linkerd-identity-issuer (external issuer?)`));
      }
    } catch (e) {
      out.push(new MessageNode(this, 'issuer', 'error', `issuer: ${errorText(e)}`));
    }
    out.push(...(await namespaceNodes(this.env, this, this.reader, { kind: 'linkerd', controlPlaneNamespace: ns, trustDomain: this.detection.trustDomain }, signal)));
    return out;
  }
}
