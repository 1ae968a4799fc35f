import * as vscode from 'vscode';
import { requireTrust } from '../../trust';
import { compareCertificates, pemOf } from '../detail/certificateDocument';
import { SET_CLUSTER_LAYER_METHOD, type ClusterLayerSender } from '../importLayer/clusterLayerMessage';
import { importLiveObjects } from '../importLayer/liveObjectImport';
import type { ClusterAccess } from '../read/clusterReader';
import { errorText, KubeError } from '../read/kubeError';
import type { ClusterViewSettings } from '../settings/clusterViewSettings';
import type { RegisteredCertificate } from '../tree/certificateRegistry';
import type { ClusterNode } from '../tree/clusterNode';
import type { ClusterTreeModel } from '../tree/clusterTreeModel';
import { LoadMoreNode } from '../tree/loadMoreNode';
import { certificateUri, showCertificate } from './certificateDocuments';
import { CLEAR_LIVE_POLICIES_COMMAND, type ClusterLayerStatus } from './clusterLayerStatus';
import { LOAD_MORE_COMMAND, OPEN_CERTIFICATE_COMMAND } from './treeItemOf';

/** What the extension shell hands the cluster view. */
export interface ClusterViewDeps {
  /** The running language client (undefined while it is not started): receives the live layer. */
  languageClient(): ClusterLayerSender | undefined;
}

export interface ClusterViewParts {
  readonly model: ClusterTreeModel;
  readonly view: vscode.TreeView<ClusterNode>;
  readonly status: ClusterLayerStatus;
  readonly access: ClusterAccess;
  readonly deps: ClusterViewDeps;
  readonly settings: () => ClusterViewSettings;
  readonly remember: (context: string) => void;
}

const CLUSTER_ACCESS = 'Cluster access';

function certificateOf(p: ClusterViewParts, node: ClusterNode | undefined): RegisteredCertificate | undefined {
  return node ? p.model.certificates.get(node.id) : undefined;
}

async function pickContext(p: ClusterViewParts, placeHolder: string): Promise<string | undefined> {
  const list = await p.access.contexts();
  if (!list.contexts.length) {
    void vscode.window.showWarningMessage('No kubeconfig context found (KUBECONFIG, ~/.kube/config).');
    return undefined;
  }
  const selected = await p.model.selectedContext();
  const items = [...list.contexts]
    .sort((a, b) => Number(b.name === selected) - Number(a.name === selected))
    .map((c) => ({ label: c.name, description: [c.current ? 'current' : '', c.name === selected && !c.current ? 'selected' : ''].filter(Boolean).join(' · '), detail: c.server }));
  return (await vscode.window.showQuickPick(items, { placeHolder }))?.label;
}

async function importLive(p: ClusterViewParts): Promise<void> {
  if (!requireTrust('Import live policies')) return;
  const client = p.deps.languageClient();
  if (!client) {
    void vscode.window.showErrorMessage('The Istio mTLS Doctor language server is not running: start it, then import again.');
    return;
  }
  const context = await pickContext(p, 'Import PeerAuthentication, DestinationRule, AuthorizationPolicy, Service, ServiceEntry, Namespace and workloads from (read-only)');
  if (!context) return;
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Reading live objects from ${context}`, cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort(new KubeError('cancelled', 'cancelled')));
    const reader = await p.access.reader(context);
    return importLiveObjects(reader, p.settings().istioNamespace, controller.signal, (message) => progress.report({ message }));
  });
  await client.sendNotification(SET_CLUSTER_LAYER_METHOD, result.params);
  p.status.show(context, result.params.documents.length, new Date());
  const summary = Object.entries(result.counts).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ') || 'no objects';
  if (result.problems.length) void vscode.window.showWarningMessage(`Layered ${summary} from ${context}. Not read: ${result.problems.join('; ')}`);
  else void vscode.window.setStatusBarMessage(`Istio mTLS Doctor: layered ${summary} from ${context}`, 5000);
}

type CommandFactory = (p: ClusterViewParts) => (...args: never[]) => unknown;

/** The cluster view's commands, by id (package.json lists the same ids). */
export const CLUSTER_COMMANDS: Record<string, CommandFactory> = {
  'istioMtlsDoctor.cluster.refresh': (p) => (node?: ClusterNode) => {
    if (requireTrust(CLUSTER_ACCESS)) p.model.refresh(node);
  },
  'istioMtlsDoctor.cluster.cancel': (p) => () => p.model.cancel(),
  'istioMtlsDoctor.cluster.switchContext': (p) => async () => {
    if (!requireTrust(CLUSTER_ACCESS)) return;
    const context = await pickContext(p, 'Show which kubeconfig context first (the kubeconfig itself is not changed)');
    if (!context) return;
    p.remember(context);
    p.model.selectContext(context);
    const node = (await p.model.children()).find((n) => n.view().label === context);
    if (node) await p.view.reveal(node, { select: true, focus: false, expand: true });
  },
  [OPEN_CERTIFICATE_COMMAND]: (p) => async (node?: ClusterNode) => {
    const entry = certificateOf(p, node);
    if (entry) await showCertificate(entry);
  },
  'istioMtlsDoctor.cluster.copyPem': (p) => async (node?: ClusterNode) => {
    const entry = certificateOf(p, node);
    if (!entry) return;
    await vscode.env.clipboard.writeText(pemOf(entry.report.certificate.der));
    void vscode.window.setStatusBarMessage(`Copied the PEM of ${entry.report.facts.identity}`, 3000);
  },
  'istioMtlsDoctor.cluster.copyFingerprint': (p) => async (node?: ClusterNode) => {
    const entry = certificateOf(p, node);
    if (!entry) return;
    await vscode.env.clipboard.writeText(entry.report.facts.fingerprint256);
    void vscode.window.setStatusBarMessage(`Copied the SHA-256 fingerprint of ${entry.report.facts.identity}`, 3000);
  },
  'istioMtlsDoctor.cluster.compareCertificate': (p) => async (node?: ClusterNode) => {
    const left = certificateOf(p, node);
    if (!left) return;
    const others = p.model.certificates.all().filter((c) => c.id !== left.id);
    if (!others.length) {
      void vscode.window.showInformationMessage('Expand more of the cluster view first: there is no other certificate loaded to compare with.');
      return;
    }
    const pick = await vscode.window.showQuickPick(
      others.map((c) => ({ label: c.report.facts.identity, description: c.where, detail: `SHA-256 ${c.report.facts.fingerprint256.slice(0, 23)}… · ${c.context}`, entry: c })),
      { placeHolder: `Compare ${left.report.facts.identity} (${left.where}) with`, matchOnDescription: true, matchOnDetail: true },
    );
    if (!pick) return;
    await vscode.commands.executeCommand('vscode.diff', certificateUri(left), certificateUri(pick.entry), `${left.where} ↔ ${pick.entry.where}`);
    void vscode.window.showInformationMessage(compareCertificates(left, pick.entry).join(' '));
  },
  [LOAD_MORE_COMMAND]: () => async (node?: ClusterNode) => {
    if (node instanceof LoadMoreNode && requireTrust(CLUSTER_ACCESS)) await node.loadMore();
  },
  'istioMtlsDoctor.cluster.importLivePolicies': (p) => () => importLive(p),
  [CLEAR_LIVE_POLICIES_COMMAND]: (p) => async () => {
    const client = p.deps.languageClient();
    if (client) await client.sendNotification(SET_CLUSTER_LAYER_METHOD, { context: null, documents: [] });
    p.status.clear();
  },
};

/** Registers the commands; a failing command shows one message, never a modal, never a crash. */
export function registerClusterCommands(p: ClusterViewParts): vscode.Disposable[] {
  return Object.entries(CLUSTER_COMMANDS).map(([id, factory]) => {
    const run = factory(p) as (...args: unknown[]) => unknown;
    return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        await run(...args);
      } catch (e) {
        if (e instanceof KubeError && e.kind === 'cancelled') return;
        void vscode.window.showErrorMessage(`Istio mTLS Doctor: ${errorText(e)}`);
      }
    });
  });
}
