import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readBundleCertificates } from '../../../client/src/cluster/analysis/certificateBundle';
import { crossPodRootFindings } from '../../../client/src/cluster/analysis/rootBundleComparison';
import { meshPki } from '../support/meshPki';

const certs = (pem: string) => readBundleCertificates(pem).certificates;

test('§E4 ROOTCA across pods: the pods outside the largest group are flagged, naming pods of the reference group', () => {
  const pki = meshPki();
  const cur = certs(pki.root.pem);
  const old = certs(pki.oldRoot.pem);
  const found = crossPodRootFindings([{ pod: 'a', roots: cur }, { pod: 'b', roots: cur }, { pod: 'c', roots: old }]);
  assert.deepEqual([...found.keys()], ['c']);
  assert.match(found.get('c')?.message ?? '', /differs from the ROOTCA of 2 other pods \(a, b: "Acme Mesh Root CA"/);
});

test('§E4 a tie goes to the group that matches the namespace root; one group, or pods without ROOTCA, give nothing', () => {
  const pki = meshPki();
  const cur = certs(pki.root.pem);
  const old = certs(pki.oldRoot.pem);
  assert.deepEqual([...crossPodRootFindings([{ pod: 'a', roots: old }, { pod: 'b', roots: cur }], cur).keys()], ['a']);
  assert.deepEqual([...crossPodRootFindings([{ pod: 'a', roots: old }, { pod: 'b', roots: cur }], old).keys()], ['b']);
  assert.equal(crossPodRootFindings([{ pod: 'a', roots: cur }, { pod: 'b', roots: cur }, { pod: 'c', roots: [] }]).size, 0);
});
