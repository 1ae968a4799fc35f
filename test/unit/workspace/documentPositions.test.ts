// Positions read from js-yaml's parser events (documentPositions.ts): the presenter's first way
// to turn a path into a range. They must give the `yaml` syntax tree's range wherever they answer,
// and answer "unsure" (undefined) where the two parsers could disagree.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { documentPositions, offsetsOfPath } from '../../../server/src/workspace/documentPositions';
import { parseYamlFile } from '../../../server/src/workspace/parseYamlFile';
import { rangeFromSyntaxTree, rangeOfPath } from '../../../server/src/features/presenter';
import { keptSyntaxTrees } from '../../../server/src/workspace/syntaxTreeCache';
import type { Path } from '../../../server/src/model/read';

const at = (text: string) => documentPositions(text, 0, text.length);
/** The text a path's offsets cover, or undefined when the positions are unsure. */
function shown(text: string, path: Path, part: 'key' | 'value' = 'value'): string | undefined {
  const positions = at(text);
  assert.ok(positions, 'the document has positions');
  const offsets = offsetsOfPath(positions, path, part);
  return offsets && text.slice(offsets[0], offsets[1]);
}

const DR = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews # the reviews service
  namespace: "shop"
spec:
  host: reviews
  trafficPolicy:
    tls:
      mode: DISABLE
    portLevelSettings:
    - port: {number: 80}
      tls: {mode: ISTIO_MUTUAL, sni: 'a b'}

  subsets: [v1, v2 ]
`;

describe('positions from parser events', () => {
  test('plain and quoted scalars: the text as written, quotes included', () => {
    assert.equal(shown(DR, ['spec', 'trafficPolicy', 'tls', 'mode']), 'DISABLE');
    assert.equal(shown(DR, ['metadata', 'namespace']), '"shop"');
    assert.equal(shown(DR, ['spec', 'trafficPolicy', 'portLevelSettings', 0, 'tls', 'sni']), "'a b'");
    assert.equal(shown(DR, ['metadata', 'name']), 'reviews');
    // js-yaml reads a text without a final line break as if it had one: the range stays in the text.
    assert.equal(shown('kind: A\nspec: last', ['spec']), 'last');
  });

  test('keys, and a missing path points at the key of its longest existing prefix', () => {
    assert.equal(shown(DR, ['spec', 'trafficPolicy', 'tls', 'mode'], 'key'), 'mode');
    assert.equal(shown(DR, ['spec', 'trafficPolicy', 'tls', 'sni']), 'tls');
    assert.equal(shown(DR, ['spec', 'trafficPolicy', 'portLevelSettings', 5]), 'portLevelSettings');
  });

  test('a flow collection ends after its bracket; a block collection where its last line ends', () => {
    assert.equal(shown(DR, ['spec', 'subsets']), '[v1, v2 ]');
    assert.equal(shown(DR, ['spec', 'trafficPolicy', 'portLevelSettings', 0, 'port']), '{number: 80}');
    assert.equal(shown(DR, ['spec', 'trafficPolicy', 'tls']), 'mode: DISABLE\n');
    assert.equal(shown(DR, ['spec', 'trafficPolicy', 'portLevelSettings']), "- port: {number: 80}\n      tls: {mode: ISTIO_MUTUAL, sni: 'a b'}\n");
  });

  test('offsets are in the whole file for a later document', () => {
    const text = `kind: A\n---\n${DR}`;
    const p = documentPositions(text, text.indexOf('---'), text.length);
    assert.ok(p);
    const o = offsetsOfPath(p, ['spec', 'host'], 'value');
    assert.ok(o);
    assert.equal(text.slice(o[0], o[1]), 'reviews');
  });

  test('unsure where the two parsers could differ: the `yaml` tree decides', () => {
    // Block scalars and empty values: `yaml` has its own idea of where they end.
    assert.equal(shown('data:\n  mesh: |\n    a: b\n', ['data', 'mesh']), undefined);
    assert.equal(shown('spec:\n  tls:\n  host: a\n', ['spec', 'tls']), undefined);
    // Comment lines after a block collection may belong to it.
    assert.equal(shown('spec:\n  tls:\n    mode: STRICT\n  # note\nkind: A\n', ['spec', 'tls']), undefined);
    assert.equal(shown('spec:\n  tls:\n    mode: STRICT\n  # note\nkind: A\n', ['spec', 'tls', 'mode']), 'STRICT');
    // Typed and merge keys: the key's text is not what `yaml` compares.
    assert.equal(shown('ports:\n  0x50: a\n', ['ports', '80']), undefined);
    assert.equal(shown('ports:\n  80: a\n', ['ports', '80']), undefined);
    assert.equal(shown('ports:\n  "80": a\n', ['ports', '80']), 'a');
    assert.equal(shown('spec:\n  <<: {host: a}\n', ['spec', 'host']), undefined);
  });

  test('no positions at all for documents the parsers read differently, or with anchors', () => {
    assert.equal(at('a: &x 1\nb: *x\n'), undefined);
    assert.equal(at('a: 1\rb: 2\n'), undefined, 'a lone CR');
    assert.equal(at('\uFEFF- a\n'), undefined, 'a byte order mark');
    assert.equal(at('a: !!map\n  b: 1\n'), undefined, 'a tagged collection');
    assert.equal(at('{a: 1}\n'), undefined, 'a flow collection at the root');
    assert.equal(at('a: [\n'), undefined, 'a syntax error');
    assert.equal(at('a: 1\n---\nb: 2\n'), undefined, 'two documents');
  });
});

/** Every path of a value (and a missing key under each map), as the rules could ask for them. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
    out.push([...prefix, 'not-there']);
  }
  return out;
}

const SAMPLES = [
  DR,
  'kind: A\r\nmetadata:\r\n  name: a\r\n  labels: {app: web, "x": "y"}\r\nspec:\r\n  - one\r\n  - two: 2\r\n    three: "3"\r\n',
  '# lead\n---\nkind: Service\nmetadata:\n  name: a\n  annotations:\n    x: "multi\n      line"\n    y: plain\n      folded\nspec:\n  ports:\n  - {port: 80, targetPort: http}\n  - port: 9000\n    targetPort: 9000 # admin\n\n\n',
  'spec:\n  rules:\n  - from:\n    - source:\n        principals: ["cluster.local/ns/a/sa/b", \'x\']\n    to:\n    - operation: {ports: ["80"]}\n',
  'a:\n  b: 1\n  c: true\n  d: null\n  e: ~\n  f: 1.5\n  g: [ ]\n  h: { }\n',
];

describe('the same ranges as the `yaml` syntax tree, wherever the positions answer', () => {
  for (const [i, text] of SAMPLES.entries()) {
    test(`sample ${i}: every path, key and value`, () => {
      const file = parseYamlFile('s.yaml', text);
      let answered = 0;
      for (const doc of file.documents) {
        const positions = doc.positions;
        if (!positions) continue;
        for (const path of pathsOf(doc.value)) {
          for (const part of ['key', 'value'] as const) {
            if (!offsetsOfPath(positions, path, part)) continue;
            answered++;
            assert.deepEqual(rangeOfPath(file, doc.index, path, part), rangeFromSyntaxTree(file, doc.index, path, part), `${JSON.stringify(path)} ${part}`);
          }
        }
      }
      assert.ok(answered > 10, `${answered} paths answered from positions`);
    });
  }

  test('locating a finding builds no syntax tree when the positions answer', () => {
    const file = parseYamlFile('lazy.yaml', DR);
    const before = keptSyntaxTrees();
    rangeOfPath(file, 0, ['spec', 'trafficPolicy', 'tls', 'mode']);
    assert.equal(keptSyntaxTrees(), before);
  });
});
