// The bounded cache of `yaml` syntax trees behind ParsedDocument.doc (syntaxTreeCache.ts): a large
// workspace keeps at most KEPT_TREES trees, and a tree dropped from the cache is rebuilt the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlFile } from '../../../server/src/workspace/parseYamlFile';
import { KEPT_TREES, keptSyntaxTrees } from '../../../server/src/workspace/syntaxTreeCache';
import { rangeOfPath } from '../../../server/src/features/presenter';

const manifest = (i: number) => `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: r${i}\n  namespace: shop\nspec:\n  host: reviews-${i}\n  trafficPolicy:\n    tls:\n      mode: DISABLE\n`;

test('no syntax tree is built until something asks for one', () => {
  const before = keptSyntaxTrees();
  const f = parseYamlFile('lazy.yaml', manifest(0));
  assert.equal(f.documents.length, 1);
  assert.equal(keptSyntaxTrees(), before, 'parsing builds no tree');
  assert.ok(f.documents[0].doc.contents, 'asking builds it');
});

test(`at most ${KEPT_TREES} trees are kept; a dropped tree is rebuilt with the same ranges`, () => {
  const files = Array.from({ length: KEPT_TREES + 50 }, (_, i) => parseYamlFile(`f${i}.yaml`, `# file ${i}\n${manifest(i)}`));
  const first = rangeOfPath(files[0], 0, ['spec', 'trafficPolicy', 'tls', 'mode']);
  const tree = files[0].documents[0].doc;
  assert.equal(files[0].documents[0].doc, tree, 'kept while recently used');
  for (const f of files) assert.ok(f.documents[0].doc.contents);
  assert.ok(keptSyntaxTrees() <= KEPT_TREES, `${keptSyntaxTrees()} trees kept`);
  const again = files[0].documents[0].doc;
  assert.notEqual(again, tree, 'the first tree was dropped and built again');
  assert.deepEqual(rangeOfPath(files[0], 0, ['spec', 'trafficPolicy', 'tls', 'mode']), first);
  assert.deepEqual(first, { start: { line: 10, character: 12 }, end: { line: 10, character: 19 } });
});

test('the line index is built on first use and counts LSP line breaks', () => {
  const f = parseYamlFile('crlf.yaml', 'a: 1\r\nb: 2\rc: 3\n');
  assert.deepEqual(f.lineCounter.lineStarts, [0, 6, 11, 16]);
});
