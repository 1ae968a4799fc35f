// The fast ways of reading a file must not change what is read: over the fuzz inputs (generated
// workspaces in random styles, mutated samples), positions read with js-yaml give the `yaml`
// tree's range for every path they answer (documentPositions.ts), and a file read in one js-yaml
// call gives each document the value it gets when read alone (parseYamlFile.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fuzzInputs, loadCorpus } from './fuzzInputs';
import { parseYamlFile } from '../../server/src/workspace/parseYamlFile';
import { splitYamlDocuments } from '../../server/src/workspace/yamlDocumentChunks';
import { offsetsOfPath } from '../../server/src/workspace/documentPositions';
import { rangeFromSyntaxTree, rangeOfPath } from '../../server/src/features/presenter';
import type { Path } from '../../server/src/model/read';

const SEED = Number(process.env.FUZZ_SEED ?? 424242);
const runs = (n: number) => ({ seed: SEED, numRuns: Number(process.env.FUZZ_RUNS ?? n) });
const inputs = fuzzInputs(loadCorpus());

/** Every path of a value, and a missing key under each map and a missing item under each sequence. */
function pathsOf(value: unknown, prefix: Path = [], depth = 0): Path[] {
  const out: Path[] = [prefix];
  if (depth > 40) return out;
  if (Array.isArray(value)) {
    value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i], depth + 1)));
    out.push([...prefix, value.length]);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k], depth + 1));
    out.push([...prefix, 'not-there']);
  }
  return out;
}

describe('fast reading reads the same', () => {
  test('positions give the syntax tree\'s range for every path they answer', () => {
    let answered = 0;
    fc.assert(
      fc.property(inputs, (input) => {
        for (const [path, text] of Object.entries(input.files)) {
          const file = parseYamlFile(path, text);
          for (const doc of file.documents) {
            const positions = doc.positions;
            // Compared where both parsers read the document without an error (the values come
            // from js-yaml; a `yaml` tree with errors has no meaningful ranges to compare).
            if (!positions || doc.doc.errors.length > 0) continue;
            for (const p of pathsOf(doc.value)) {
              for (const part of ['key', 'value'] as const) {
                if (!offsetsOfPath(positions, p, part)) continue;
                answered++;
                assert.deepEqual(rangeOfPath(file, doc.index, p, part), rangeFromSyntaxTree(file, doc.index, p, part), `${path} document ${doc.index} ${JSON.stringify(p)} ${part} ${JSON.stringify(text.slice(0, 200))}`);
              }
            }
          }
        }
      }),
      runs(300),
    );
    assert.ok(answered > 1000, `${answered} paths answered from positions`);
  });

  test('a file read in one call gives each document its value read alone', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        for (const [path, text] of Object.entries(input.files)) {
          const file = parseYamlFile(path, text);
          for (const [i, chunk] of splitYamlDocuments(text).entries()) {
            // The document as a file of its own: one chunk, read on its own.
            const alone = parseYamlFile(path, text.slice(chunk.start, chunk.end)).documents[0];
            assert.deepEqual(file.documents[i].value, alone.value, `${path} document ${i} ${JSON.stringify(text.slice(0, 200))}`);
            assert.equal(file.documents[i].syntaxError?.message, alone.syntaxError?.message, `${path} document ${i}`);
          }
        }
      }),
      runs(300),
    );
  });
});
