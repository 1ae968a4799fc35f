// Asserts that no private key material reached anything the view shows.
import assert from 'node:assert/strict';
import type { ClusterNode } from '../../../client/src/cluster/tree/clusterNode';

/** Distinctive pieces of a PEM private key: its label and some of its base64 lines. */
export function keyFingerprints(keyPem: string): string[] {
  const lines = keyPem.split('\n').filter((l) => l && !l.startsWith('-----'));
  return ['PRIVATE KEY', ...lines.map((l) => l.slice(0, 32)), Buffer.from(keyPem).toString('base64').slice(0, 40)];
}

export function assertNoKeyMaterial(texts: readonly string[], keyPems: readonly string[], where: string): void {
  const pieces = keyPems.flatMap(keyFingerprints);
  for (const text of texts) {
    for (const piece of pieces) assert.ok(!text.includes(piece), `${where} shows private key material (${piece.slice(0, 12)}…)`);
  }
}

export function viewTexts(nodes: readonly ClusterNode[]): string[] {
  return nodes.flatMap((n) => {
    const v = n.view();
    return [v.label, v.description ?? '', v.tooltip ?? ''];
  });
}
