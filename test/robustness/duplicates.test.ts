// Issue 7 "Inputs": duplicate resources (same kind/namespace/name in two files, or twice in one
// file): reported once, with a deterministic choice, whatever the order the files come in.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyse, type Files } from '../fuzz/engineRun';
import { runCli, tempTree } from './support/cli';
import type { PresentedFinding } from '../../server/src/features/presentedFinding';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../support/fixtures';
import { docs } from '../support/workspace';

const APP = docs(namespace('shop', { 'istio-injection': 'enabled' }), deployment('shop', 'web'), deployment('shop', 'reviews'), service('shop', 'reviews'), peerAuthentication('shop', 'default', 'STRICT'));
const dr = (name: string, mode: string, host = 'reviews') => destinationRule('shop', name, host, `  trafficPolicy:\n    tls:\n      mode: ${mode}\n`);

const FILES: Files = {
  'app.yaml': APP,
  // One object in three environments: two broken the same way, one fine.
  'envs/a/dr.yaml': dr('reviews', 'DISABLE'),
  'envs/b/dr.yaml': dr('reviews', 'DISABLE'),
  'envs/c/dr.yaml': dr('reviews', 'ISTIO_MUTUAL'),
  // The same object twice in one file: the later one replaces the earlier.
  'same.yaml': docs(dr('twice', 'DISABLE', 'web'), dr('twice', 'ISTIO_MUTUAL', 'web')),
  // A namespace-level policy defined in two files (identical): both copies are the one object.
  'p1/policy.yaml': peerAuthentication('shop', 'extra', 'PERMISSIVE'),
  'p2/policy.yaml': peerAuthentication('shop', 'extra', 'PERMISSIVE'),
};

/** Everything a client sees of a finding, related locations in their order. */
const full = (f: PresentedFinding) => JSON.stringify(f);

/** Rotations and reversals of a list, and deterministic shuffles of it. */
function orders<T>(list: readonly T[], shuffles = 30): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i++) {
    const rotated = [...list.slice(i), ...list.slice(0, i)];
    out.push(rotated, [...rotated].reverse());
  }
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let n = 0; n < shuffles; n++) {
    const l = [...list];
    for (let i = l.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [l[i], l[j]] = [l[j], l[i]];
    }
    out.push(l);
  }
  return out;
}

function findingsInOrder(order: readonly string[]): PresentedFinding[] {
  const files: Files = Object.fromEntries(order.map((p) => [p, FILES[p]]));
  return [...analyse(files, { keepOrder: true }).snapshot.findings];
}

describe('duplicate resources', () => {
  const findings = findingsInOrder(Object.keys(FILES).sort());
  const of = (rule: string) => findings.filter((f) => f.rule === rule).map((f) => `${f.file}:${f.range.start.line}`);

  test('no finding is reported twice', () => {
    const seen = new Map<string, number>();
    for (const f of findings) seen.set(full(f), (seen.get(full(f)) ?? 0) + 1);
    assert.deepEqual([...seen].filter(([, n]) => n > 1).map(([k]) => k), []);
  });

  test('an object in several environment folders: each variant that is wrong is reported once, in its own file', () => {
    assert.deepEqual(of('plaintext-to-strict').sort(), ['envs/a/dr.yaml:8', 'envs/b/dr.yaml:8']);
  });

  test('twice in one file: one duplicate-resource on the replaced document, pointing at the one that replaces it; only the later one is analysed', () => {
    const dup = findings.filter((f) => f.rule === 'duplicate-resource');
    assert.equal(dup.length, 1, dup.map(full).join('\n'));
    assert.equal(dup[0].file, 'same.yaml');
    assert.equal(dup[0].range.start.line, 3);
    assert.deepEqual(dup[0].related.map((r) => `${r.file}:${r.range.start.line}`), ['same.yaml:14']);
    assert.deepEqual(findings.filter((f) => f.resource.name === 'twice' && f.rule !== 'duplicate-resource').map((f) => f.rule), [], 'the replaced DISABLE document is not analysed');
  });

  test(`the result does not depend on the order of the files (${orders(Object.keys(FILES)).length} orders give the same findings, related locations in the same order)`, () => {
    const expected = findings.map(full).sort();
    const differ: string[] = [];
    for (const order of orders(Object.keys(FILES))) {
      const got = findingsInOrder(order).map(full).sort();
      if (JSON.stringify(got) !== JSON.stringify(expected)) differ.push(order.join(' '));
    }
    assert.deepEqual(differ.slice(0, 3), [], `${differ.length} orders differ`);
  });

  test('the CLI prints the same report on every run, whichever way the folders are named on the command line', () => {
    const tree = tempTree(FILES);
    try {
      const runs = [['.'], ['envs', 'app.yaml', 'same.yaml', 'p2', 'p1'], ['p1', 'p2', 'same.yaml', 'app.yaml', 'envs/c', 'envs/b', 'envs/a']].map((paths) => runCli(tree.dir, ['check', '--format', 'json', ...paths]));
      for (const r of runs) assert.equal(r.status, 1, r.stderr);
      assert.equal(runs[1].stdout, runs[0].stdout);
      assert.equal(runs[2].stdout, runs[0].stdout);
    } finally {
      tree.cleanup();
    }
  });
});
