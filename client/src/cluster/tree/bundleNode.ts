import { bundleFindings, type BundleReport } from '../analysis/certificateBundle';
import { CONTEXT_VALUE, type ClusterNode, type NodeView, type TreeEnv } from './clusterNode';
import { CertificateNode } from './certificateNode';
import { countText, findingLines, statusOf } from './findingSummary';
import { MessageNode } from './messageNode';

/** A set of certificates from one place (SDS secret `default`, `ROOTCA`, a ConfigMap or Secret key). */
export class BundleNode implements ClusterNode {
  readonly id: string;
  private readonly nodes: ClusterNode[];

  constructor(
    env: TreeEnv,
    readonly parent: ClusterNode,
    readonly bundle: BundleReport,
    context: string,
    where: string,
    private readonly expanded: boolean,
  ) {
    this.id = `${parent.id}/bundle:${bundle.key}`;
    this.nodes = [
      ...bundle.findings.map((f) => MessageNode.finding(this, f)),
      ...bundle.certificates.map((c, i) => new CertificateNode(env, this, c, bundle, i, context, where)),
    ];
    if (bundle.certificates.length === 0 && bundle.findings.length === 0) {
      this.nodes.push(new MessageNode(this, 'empty', 'warning', 'no certificate in it'));
    }
  }

  view(): NodeView {
    const findings = bundleFindings(this.bundle);
    const n = this.bundle.certificates.length;
    const parts = [this.bundle.title, ...(this.bundle.status === 'WARMING' ? ['WARMING'] : []), `${n} certificate${n === 1 ? '' : 's'}`, countText(findings)].filter(Boolean);
    return {
      label: this.bundle.key,
      description: parts.join(' · '),
      tooltip: [`${this.bundle.source}${this.bundle.status ? ` (${this.bundle.status})` : ''}`, ...(findings.length ? ['', ...findingLines(findings)] : [])].join('\n'),
      icon: 'bundle',
      status: statusOf(findings),
      collapsible: this.expanded ? 'expanded' : 'collapsed',
      contextValue: CONTEXT_VALUE.bundle,
    };
  }

  children(): Promise<readonly ClusterNode[]> {
    return Promise.resolve(this.nodes);
  }

  refresh(): void {}
}
