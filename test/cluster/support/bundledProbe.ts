// Entry point bundled by the bundle test exactly as scripts/bundle.mjs bundles the extension
// (CommonJS, node20, every package inlined): proves client-node loads and works from that bundle.
import { tmpdir } from 'node:os';
import { KubeClusterAccess } from '../../../client/src/cluster/kube/kubeClusterAccess';
import { ClusterTreeModel } from '../../../client/src/cluster/tree/clusterTreeModel';
import { renderTree } from '../../../client/src/cluster/tree/treeText';
import { DEFAULT_CLUSTER_SETTINGS } from '../../../client/src/cluster/settings/clusterViewSettings';

async function main(): Promise<void> {
  const access = new KubeClusterAccess(() => ({ env: process.env, home: tmpdir() }));
  const now = new Date(process.env.PROBE_NOW ?? Date.now());
  const model = new ClusterTreeModel(access, () => DEFAULT_CLUSTER_SETTINGS, () => now, { changed: () => undefined, track: (_t, work) => work(() => undefined) });
  process.stdout.write(`${process.version}\n${await renderTree(model, { expand: (n) => !n.id.endsWith('/ca') })}\n`);
}

main().then(() => process.exit(0), (e: unknown) => {
  process.stderr.write(`probe failed: ${String(e)}\n`);
  process.exit(1);
});
