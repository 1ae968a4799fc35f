import { formatDuration } from '../../../../server/src/certificates/certificateLabel';
import type { LiveFinding } from '../analysis/liveFinding';
import { allPodFindings } from '../analysis/podCertificateAnalysis';
import type { ClusterReader } from '../read/clusterReader';
import type { LivePod } from '../read/liveObjects';
import { BundleNode } from './bundleNode';
import { CONTEXT_VALUE, type ClusterNode, type NodeView, type TreeEnv } from './clusterNode';
import { findingLines, headline, statusOf } from './findingSummary';
import { LazyNode } from './lazyNode';
import { MessageNode } from './messageNode';
import { readPodCertificates, type PodReadingInputs, type PodResult } from './podReading';

/** What a pod node needs from its namespace. */
export interface PodOwner extends ClusterNode {
  podInputs(): PodReadingInputs;
  /** A pod was read again on its own: re-compare roots across pods and update the summary. */
  podReread(): void;
}

/** A pod with a sidecar: its certificates, the findings about them, or the error that stopped the read. */
export class PodNode extends LazyNode {
  /** ROOTCA compared with the other pods of the namespace (set by the namespace). */
  crossPod: LiveFinding | undefined;
  /** False after refresh(): the next load reads the sidecar again instead of using the namespace's read. */
  private fresh = true;
  /** Set by refresh(): once read, the namespace re-compares roots and updates its summary. */
  private reread = false;

  constructor(
    env: TreeEnv,
    private readonly owner: PodOwner,
    private readonly reader: ClusterReader,
    readonly pod: LivePod,
    public result: PodResult,
  ) {
    super(env, `${owner.id}/pod:${pod.name}`, owner);
  }

  /** Findings counted on the pod (and summed up on the namespace). */
  findings(): LiveFinding[] {
    return this.result.report ? allPodFindings(this.result.report, this.crossPod ? [this.crossPod] : []) : [];
  }

  view(): NodeView {
    const { pod, result } = this;
    const findings = this.findings();
    const via = result.via === 'exec' ? ' · via exec' : '';
    let description: string;
    let status: NodeView['status'];
    if (this.isLoading) {
      description = 'reading…';
    } else if (result.error) {
      description = result.error.message;
      status = result.error.kind === 'cancelled' ? 'warning' : 'error';
    } else if (!result.report) {
      description = result.notes[0] ?? '';
    } else {
      const leaf = result.report.workloadChain?.certificates[0];
      const left = leaf ? leaf.facts.notAfter.getTime() - this.env.now().getTime() : undefined;
      description = headline(findings) ?? `sa ${pod.serviceAccount} · certificate valid${left !== undefined ? `, expires in ${formatDuration(left)}` : ''}`;
      status = statusOf(findings);
    }
    const tooltip = [
      `Pod ${pod.namespace}/${pod.name} (service account ${pod.serviceAccount}, ${pod.phase})`,
      ...(result.error ? ['', `✗ ${result.error.message}`, ...(result.error.detail ? [result.error.detail] : [])] : []),
      ...(result.notes.length ? ['', ...result.notes] : []),
      ...(findings.length ? ['', ...findingLines(findings)] : []),
    ].join('\n');
    return {
      label: pod.name,
      description: description + via,
      tooltip,
      icon: 'pod',
      ...(status ? { status } : {}),
      collapsible: 'collapsed',
      contextValue: CONTEXT_VALUE.pod,
    };
  }

  protected async load(signal: AbortSignal): Promise<ClusterNode[]> {
    if (!this.fresh) {
      this.env.certificates.forget(this.id);
      const result = await this.env.track(`Reading ${this.pod.namespace}/${this.pod.name}`, () => readPodCertificates(this.reader, this.pod, this.owner.podInputs(), signal));
      this.result = result;
      this.fresh = true;
    }
    return this.build();
  }

  protected afterLoad(): void {
    if (!this.reread) return;
    this.reread = false;
    this.owner.podReread();
  }

  /** Refresh re-reads this pod right away, so that its summary and its namespace's are current. */
  refresh(): void {
    super.refresh();
    this.fresh = false;
    this.reread = true;
    void this.children();
  }

  private build(): ClusterNode[] {
    const { result } = this;
    const context = this.reader.context;
    const where = `${this.pod.namespace}/${this.pod.name}`;
    const out: ClusterNode[] = [];
    if (result.error) out.push(new MessageNode(this, 'error', result.error.kind === 'cancelled' ? 'warning' : 'error', result.error.kind === 'cancelled' ? 'cancelled: refresh to read again' : result.error.message, result.error.detail));
    for (const note of result.notes) out.push(new MessageNode(this, 'note', 'info', note));
    const report = result.report;
    if (!report) return out;
    for (const f of [...report.podFindings, ...(this.crossPod ? [this.crossPod] : [])]) out.push(MessageNode.finding(this, f));
    if (report.workloadChain) out.push(new BundleNode(this.env, this, report.workloadChain, context, where, true));
    if (report.rootBundle) out.push(new BundleNode(this.env, this, report.rootBundle, context, where, true));
    if (report.namespaceRoot) out.push(new BundleNode(this.env, this, report.namespaceRoot, context, where, false));
    for (const b of report.otherSecrets) out.push(new BundleNode(this.env, this, b, context, where, false));
    return out;
  }

  /** The cross-pod finding changed: rebuild the children (without reading the cluster). */
  rebuild(): void {
    if (this.isLoaded) this.setChildren(this.build());
  }
}
