import type { LiveFinding } from '../analysis/liveFinding';
import { type NamespaceRoot } from '../analysis/podCertificateAnalysis';
import { crossPodRootFindings } from '../analysis/rootBundleComparison';
import { readBundleCertificates } from '../analysis/certificateBundle';
import { mapLimited } from '../read/abortSignals';
import type { ClusterReader } from '../read/clusterReader';
import { configMapData, podsPage } from '../read/clusterQueries';
import { errorText, isNotFound } from '../read/kubeError';
import { injectionState, type ListPage, type LiveNamespace, type LivePod } from '../read/liveObjects';
import { CONTEXT_VALUE, type ClusterNode, type NodeView, type TreeEnv } from './clusterNode';
import { countText, findingLines, statusOf } from './findingSummary';
import { LazyNode, errorNode } from './lazyNode';
import { LoadMoreNode } from './loadMoreNode';
import type { MeshFlavor } from './meshFlavor';
import { MessageNode } from './messageNode';
import { PodNode, type PodOwner } from './podNode';
import { readPodCertificates, type PodReadingInputs } from './podReading';

/** Sidecars asked at the same time within one namespace. */
const CONCURRENT_PODS = 4;
const ROOT_CONFIGMAP = 'istio-ca-root-cert';

/**
 * A namespace: its injection state, then its pods with a sidecar, read a page at a time on expand
 * (each page's sidecars asked concurrently, each within the per-pod timeout).
 */
export class NamespaceNode extends LazyNode implements PodOwner {
  private pods: PodNode[] = [];
  private token: string | undefined;
  private listed = 0;
  private withoutSidecar = 0;
  private namespaceRoot: NamespaceRoot | undefined;
  private pageError: ClusterNode | undefined;

  constructor(
    env: TreeEnv,
    parent: ClusterNode,
    private readonly reader: ClusterReader,
    readonly namespace: LiveNamespace,
    private readonly mesh: MeshFlavor,
  ) {
    super(env, `${parent.id}/ns:${namespace.name}`, parent);
  }

  podInputs(): PodReadingInputs {
    const s = this.env.settings();
    const mesh = this.mesh.kind === 'istio' ? this.mesh.settings : { trustDomain: this.mesh.trustDomain, trustDomainAliases: [] };
    return {
      ...(this.namespaceRoot ? { namespaceRoot: this.namespaceRoot } : {}),
      mesh,
      now: this.env.now(),
      caWarningDays: s.caExpiryWarningDays,
      timeoutMs: s.podTimeoutSeconds * 1000,
      ...(this.mesh.kind === 'linkerd' ? { linkerd: { controlPlaneNamespace: this.mesh.controlPlaneNamespace, trustDomain: this.mesh.trustDomain } } : {}),
    };
  }

  /** Pod findings plus the namespace root's own (counted once here, not on every pod). */
  findings(): LiveFinding[] {
    const rootBundle = this.pods.find((p) => p.result.report?.namespaceRoot)?.result.report?.namespaceRoot;
    return [...this.pods.flatMap((p) => p.findings()), ...(rootBundle?.certificates.flatMap((c) => c.findings) ?? [])];
  }

  view(): NodeView {
    const parts = [injectionState(this.namespace)];
    let status: NodeView['status'];
    let tooltip = `Namespace ${this.namespace.name}: ${injectionState(this.namespace)}`;
    if (this.isLoading) parts.push('reading pods…');
    else if (this.isLoaded) {
      const findings = this.findings();
      const errors = this.pods.filter((p) => p.result.error).length;
      const sidecars = `${this.pods.length} ${this.mesh.kind === 'istio' ? 'istio-proxy' : 'linkerd-proxy'} pod${this.pods.length === 1 ? '' : 's'}${this.token ? '+' : ''}`;
      parts.push([sidecars, countText(findings), errors ? `${errors} unreadable` : ''].filter(Boolean).join(', '));
      status = errors || this.pageError ? 'error' : this.pods.length ? statusOf(findings) : undefined;
      if (findings.length) tooltip += `\n\n${findingLines(findings).join('\n')}`;
    }
    return {
      label: this.namespace.name,
      description: parts.join(' · '),
      tooltip,
      icon: 'namespace',
      ...(status ? { status } : {}),
      collapsible: 'collapsed',
      contextValue: CONTEXT_VALUE.namespace,
    };
  }

  protected async load(signal: AbortSignal): Promise<ClusterNode[]> {
    this.pods = [];
    this.token = undefined;
    this.listed = 0;
    this.withoutSidecar = 0;
    this.pageError = undefined;
    this.env.certificates.forget(this.id);
    const title = `Reading pods of ${this.namespace.name}`;
    await this.env.track(title, async (report) => {
      const [page, root] = await Promise.all([
        podsPage(this.reader, this.namespace.name, this.env.settings().podsPageSize, undefined, signal),
        this.mesh.kind === 'istio' ? this.readNamespaceRoot(signal) : Promise.resolve(undefined),
      ]);
      this.namespaceRoot = root;
      await this.addPage(page, signal, report);
    });
    return this.childList();
  }

  protected afterLoad(): void {
    this.env.changed(this);
  }

  /** Reads the next page of pods and appends it (the "Load more pods…" node). */
  async loadMore(): Promise<void> {
    if (!this.token) return;
    const signal = this.env.signal();
    const token = this.token;
    this.token = undefined;
    this.setChildren(this.childList());
    this.env.changed(this);
    try {
      await this.env.track(`Reading more pods of ${this.namespace.name}`, async (report) => {
        const page = await podsPage(this.reader, this.namespace.name, this.env.settings().podsPageSize, token, signal);
        await this.addPage(page, signal, report);
      });
    } catch (e) {
      this.pageError = errorNode(this, e, 'reading more pods');
    }
    this.setChildren(this.childList());
    this.env.changed(this);
  }

  podReread(): void {
    this.compareRoots();
    this.env.changed(this);
  }

  private async readNamespaceRoot(signal: AbortSignal): Promise<NamespaceRoot> {
    const source = `ConfigMap ${this.namespace.name}/${ROOT_CONFIGMAP}`;
    try {
      const data = await configMapData(this.reader, this.namespace.name, ROOT_CONFIGMAP, signal);
      if (!data) return { source, error: 'not found' };
      const pem = data['root-cert.pem'];
      return pem ? { source, pem } : { source, error: 'has no root-cert.pem key' };
    } catch (e) {
      if (isNotFound(e)) return { source, error: 'not found' };
      return { source, error: errorText(e) };
    }
  }

  private async addPage(page: ListPage<LivePod>, signal: AbortSignal, report: (message: string) => void): Promise<void> {
    this.listed += page.items.length;
    const wanted = this.mesh.kind;
    const pods = page.items.filter((p) => p.sidecar === wanted);
    this.withoutSidecar += page.items.length - pods.length;
    let done = 0;
    const inputs = this.podInputs();
    const results = await mapLimited(pods, CONCURRENT_PODS, async (pod) => {
      const r = await readPodCertificates(this.reader, pod, inputs, signal);
      report(`${++done}/${pods.length} sidecars of ${this.namespace.name}`);
      return r;
    });
    pods.forEach((pod, i) => this.pods.push(new PodNode(this.env, this, this.reader, pod, results[i])));
    this.token = page.continueToken;
    this.compareRoots();
  }

  private compareRoots(): void {
    const preferred = this.namespaceRoot?.pem ? readBundleCertificates(this.namespaceRoot.pem).certificates : [];
    const cross = crossPodRootFindings(this.pods.map((p) => ({ pod: p.pod.name, roots: p.result.report?.roots ?? [] })), preferred);
    for (const p of this.pods) {
      const before = p.crossPod?.message;
      p.crossPod = cross.get(p.pod.name);
      if (before !== p.crossPod?.message) p.rebuild();
    }
  }

  private childList(): ClusterNode[] {
    const out: ClusterNode[] = [];
    const root = this.namespaceRoot;
    if (root?.error && this.pods.length) {
      out.push(new MessageNode(this, 'root', 'warning', `${root.source} ${root.error}: the pods' ROOTCA cannot be compared with the root istiod distributes`));
    }
    out.push(...this.pods);
    if (this.pageError) out.push(this.pageError);
    if (this.withoutSidecar) {
      const proxy = this.mesh.kind === 'istio' ? 'istio-proxy' : 'linkerd-proxy';
      out.push(new MessageNode(this, 'plain', 'info', `${this.withoutSidecar} pod${this.withoutSidecar === 1 ? '' : 's'} without ${proxy} not shown`));
    }
    if (this.token) out.push(new LoadMoreNode(this, this.listed));
    if (out.length === 0) out.push(new MessageNode(this, 'empty', 'info', 'no pods'));
    return out;
  }
}
