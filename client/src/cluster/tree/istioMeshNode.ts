import type { ClusterReader } from '../read/clusterReader';
import { CaNode } from './caNode';
import { CONTEXT_VALUE, type ClusterNode, type NodeView, type TreeEnv } from './clusterNode';
import { LazyNode } from './lazyNode';
import type { IstioDetection } from './meshDetection';
import { MessageNode } from './messageNode';
import { namespaceNodes } from './namespaceList';

/** The Istio mesh of a context: trust domain, root namespace, its CA, then the namespaces. */
export class IstioMeshNode extends LazyNode {
  constructor(
    env: TreeEnv,
    parent: ClusterNode,
    private readonly reader: ClusterReader,
    private readonly detection: IstioDetection,
    private readonly istioNamespace: string,
  ) {
    super(env, `${parent.id}/istio`, parent);
  }

  view(): NodeView {
    const s = this.detection.settings;
    const aliases = s.trustDomainAliases.length ? ` (aliases ${s.trustDomainAliases.join(', ')})` : '';
    return {
      label: 'Istio',
      description: `trust domain ${s.trustDomain}${aliases} · root namespace ${s.rootNamespace}`,
      tooltip: `Mesh settings from ${s.source}`,
      icon: 'mesh',
      ...(this.detection.problem ? { status: 'warning' as const } : {}),
      collapsible: 'expanded',
      contextValue: CONTEXT_VALUE.mesh,
    };
  }

  protected async load(signal: AbortSignal): Promise<ClusterNode[]> {
    const out: ClusterNode[] = [];
    if (this.detection.problem) out.push(new MessageNode(this, 'mesh', 'warning', `mesh config unreadable (${this.detection.problem}): trust domain cluster.local assumed`));
    out.push(new CaNode(this.env, this, this.reader, this.istioNamespace));
    out.push(...(await namespaceNodes(this.env, this, this.reader, { kind: 'istio', settings: this.detection.settings }, signal)));
    return out;
  }
}
