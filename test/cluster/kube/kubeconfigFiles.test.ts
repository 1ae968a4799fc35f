import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { tmpdir } from 'node:os';
import { stringify } from 'yaml';
import { clientNode } from '../../../client/src/cluster/kube/clientNode';
import { kubeconfigPaths, mergeKubeconfigs } from '../../../client/src/cluster/kube/kubeconfigFiles';

function kubeconfig(dir: string, file: string, current: string, contexts: Array<[string, string]>): string {
  const path = join(dir, file);
  writeFileSync(path, stringify({
    apiVersion: 'v1', kind: 'Config', 'current-context': current,
    clusters: contexts.map(([, server], i) => ({ name: `${file}-c${i}`, cluster: { server } })),
    users: [{ name: `${file}-u`, user: { token: 't' } }],
    contexts: contexts.map(([name], i) => ({ name, context: { cluster: `${file}-c${i}`, user: `${file}-u`, namespace: 'shop' } })),
  }));
  return path;
}

test('KUBECONFIG is a path list; without it, ~/.kube/config', () => {
  assert.deepEqual(kubeconfigPaths({ KUBECONFIG: `/a${delimiter}/b${delimiter}${delimiter}/a` }, '/home/u'), ['/a', '/b']);
  assert.deepEqual(kubeconfigPaths({}, '/home/u'), [join('/home/u', '.kube', 'config')]);
});

test('files merge as kubectl merges them: the first current-context and the first definition of a name win; current first', async () => {
  const k8s = await clientNode();
  const dir = mkdtempSync(join(tmpdir(), 'kc-'));
  const a = kubeconfig(dir, 'a', 'prod', [['prod', 'https://prod.example:6443'], ['dev', 'https://dev-a.example:6443']]);
  const b = kubeconfig(dir, 'b', 'dev', [['dev', 'https://dev-b.example:6443'], ['alpha', 'https://alpha.example:6443']]);
  const merged = mergeKubeconfigs(k8s, [b.replace(/b$/, 'missing'), a, b]);
  assert.deepEqual(merged.files, [a, b]);
  assert.deepEqual(merged.contexts.map((c) => [c.name, c.server, c.current]), [
    ['prod', 'https://prod.example:6443', true],
    ['alpha', 'https://alpha.example:6443', false],
    ['dev', 'https://dev-a.example:6443', false],
  ]);
  const kc = merged.forContext('alpha');
  assert.equal(kc?.getCurrentCluster()?.server, 'https://alpha.example:6443');
  assert.equal(kc?.getContextObject('alpha')?.namespace, 'shop');
  assert.equal(merged.forContext('nope'), undefined);
});

test('an unreadable kubeconfig is reported by path, the others still load', async () => {
  const k8s = await clientNode();
  const dir = mkdtempSync(join(tmpdir(), 'kc-'));
  mkdirSync(join(dir, 'sub'));
  const bad = join(dir, 'bad');
  writeFileSync(bad, 'clusters: [ {');
  const good = kubeconfig(dir, 'good', 'x', [['x', 'https://x.example']]);
  const merged = mergeKubeconfigs(k8s, [bad, good]);
  assert.equal(merged.problems.length, 1);
  assert.match(merged.problems[0], new RegExp(`^${bad}: `));
  assert.deepEqual(merged.contexts.map((c) => c.name), ['x']);
});
