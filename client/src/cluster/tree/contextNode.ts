import type { KubeContextInfo } from '../read/clusterReader';
import { CONTEXT_VALUE, type ClusterNode, type NodeView, type TreeEnv } from './clusterNode';
import { IstioMeshNode } from './istioMeshNode';
import { LazyNode } from './lazyNode';
import { LinkerdMeshNode } from './linkerdMeshNode';
import { detectIstio, detectLinkerd } from './meshDetection';
import { MessageNode } from './messageNode';

/** A kubeconfig context. Nothing is read from its cluster until it is expanded. */
export class ContextNode extends LazyNode {
  constructor(
    env: TreeEnv,
    readonly info: KubeContextInfo,
    private readonly selected: boolean,
    /** Only after the user switched to it: a context never connects by itself. */
    private readonly expand: boolean,
  ) {
    super(env, `ctx:${info.name}`, undefined);
  }

  view(): NodeView {
    const marks = [this.info.current ? 'current' : '', this.selected && !this.info.current ? 'selected' : ''].filter(Boolean);
    return {
      label: this.info.name,
      description: [...marks, this.info.server].join(' · '),
      tooltip: `Context ${this.info.name}\nCluster ${this.info.cluster} at ${this.info.server}${this.info.namespace ? `\nNamespace ${this.info.namespace}` : ''}\n\nRead-only: the view only reads (GET), port-forwards to Envoy's admin port, or runs pilot-agent request GET.`,
      icon: 'context',
      collapsible: this.expand ? 'expanded' : 'collapsed',
      contextValue: CONTEXT_VALUE.context,
    };
  }

  protected async load(signal: AbortSignal): Promise<ClusterNode[]> {
    const s = this.env.settings();
    const reader = await this.env.access.reader(this.info.name);
    return this.env.track(`Connecting to ${this.info.name}`, async () => {
      const [istio, linkerd] = await Promise.all([detectIstio(reader, s.istioNamespace, signal), detectLinkerd(reader, s.linkerdNamespace, signal)]);
      const out: ClusterNode[] = [];
      if (istio.found) out.push(new IstioMeshNode(this.env, this, reader, istio, s.istioNamespace));
      if (linkerd.found) out.push(new LinkerdMeshNode(this.env, this, reader, linkerd, s.linkerdNamespace));
      if (!out.length) {
        out.push(new MessageNode(this, 'nomesh', 'info', `no Istio (ConfigMap ${s.istioNamespace}/istio) and no Linkerd (ConfigMap ${s.linkerdNamespace}/linkerd-identity-trust-roots) found${linkerd.problem ? ` (${linkerd.problem})` : ''}; see the istioNamespace and linkerdNamespace settings`));
      }
      return out;
    });
  }
}
