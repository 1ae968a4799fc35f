import type { BundleReport } from '../analysis/certificateBundle';
import { bundleFindings } from '../analysis/certificateBundle';
import { analyseCaSecret } from '../analysis/meshCaAnalysis';
import type { ClusterReader } from '../read/clusterReader';
import { secretCertificates } from '../read/clusterQueries';
import { BundleNode } from './bundleNode';
import { CONTEXT_VALUE, type ClusterNode, type NodeView, type TreeEnv } from './clusterNode';
import { countText, findingLines, statusOf } from './findingSummary';
import { LazyNode } from './lazyNode';
import { MessageNode } from './messageNode';

/** Istio's CA (§E3): Secret `cacerts` (plug-in CA), else `istio-ca-secret` (self-signed). Certificate keys only. */
export class CaNode extends LazyNode {
  private kind: string | undefined;
  private bundles: BundleReport[] = [];

  constructor(
    env: TreeEnv,
    parent: ClusterNode,
    private readonly reader: ClusterReader,
    private readonly namespace: string,
  ) {
    super(env, `${parent.id}/ca`, parent);
  }

  view(): NodeView {
    const findings = this.bundles.flatMap(bundleFindings);
    return {
      label: 'Certificate authority',
      description: this.isLoading ? 'reading…' : [this.kind, countText(findings)].filter(Boolean).join(' · ') || undefined,
      tooltip: [`The CA secrets of ${this.namespace} (certificate keys only; private keys are never read)`, ...(findings.length ? ['', ...findingLines(findings)] : [])].join('\n'),
      icon: 'ca',
      ...(this.bundles.length ? { status: statusOf(findings) } : {}),
      collapsible: 'collapsed',
      contextValue: CONTEXT_VALUE.ca,
    };
  }

  protected async load(signal: AbortSignal): Promise<ClusterNode[]> {
    this.bundles = [];
    this.kind = undefined;
    const s = this.env.settings();
    for (const [name, kind] of [['cacerts', 'plug-in CA (cacerts)'], ['istio-ca-secret', 'self-signed CA (istio-ca-secret)']] as const) {
      const reading = await secretCertificates(this.reader, this.namespace, name, signal);
      if (!reading || Object.keys(reading.values).length === 0) continue;
      this.kind = kind;
      this.bundles = analyseCaSecret({ source: `Secret ${this.namespace}/${name}`, values: reading.values, now: this.env.now(), caWarningDays: s.caExpiryWarningDays });
      const out: ClusterNode[] = this.bundles.map((b) => new BundleNode(this.env, this, b, this.reader.context, `Secret ${this.namespace}/${name}`, false));
      if (reading.skippedKeys.length) out.push(new MessageNode(this, 'skipped', 'info', `not read: ${reading.skippedKeys.join(', ')} (only certificate keys are read)`));
      return out;
    }
    this.kind = 'no CA secret';
    return [new MessageNode(this, 'none', 'info', `no cacerts or istio-ca-secret in ${this.namespace}: an external CA (e.g. istio-csr), or istiod runs in another namespace`)];
  }

  protected afterLoad(): void {
    this.env.changed(this);
  }
}
