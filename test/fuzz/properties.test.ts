// Issue 7 "Fuzzing": property-based tests over generated Istio documents (arbitraries.ts)
// rendered in random legitimate styles (render.ts): the engine never throws, every finding's
// range lies inside its file, the findings do not depend on the order of the files or on the
// formatting, and the renderer and parser agree on what the text means.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { anyDoc, authorizationPolicyDoc, deploymentDoc, destinationRuleDoc, namespaceDoc, peerAuthenticationDoc, serviceDoc, serviceEntryDoc, virtualServiceDoc, workspace, type Json } from './arbitraries';
import { renderStyle, renderYaml, PLAIN_STYLE } from './render';
import { mutation, applyMutations } from './mutations';
import { loadCorpus } from './fuzzInputs';
import { analyse, exercise, findingKey, type Files } from './engineRun';
import { parseYamlFile } from '../../server/src/workspace/parseYamlFile';

const SEED = Number(process.env.FUZZ_SEED ?? 424242);
const runs = (n: number) => ({ seed: SEED, numRuns: Number(process.env.FUZZ_RUNS ?? n) });

/** Istio and Kubernetes kinds only (maps at the top): what a manifest holds. */
const istioDoc: fc.Arbitrary<Json> = fc.oneof(namespaceDoc, deploymentDoc, serviceDoc, peerAuthenticationDoc, destinationRuleDoc, authorizationPolicyDoc, virtualServiceDoc, serviceEntryDoc);
const istioFiles = fc.array(fc.array(istioDoc, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 });

const render = (files: readonly Json[][], styles: ReadonlyArray<Parameters<typeof renderYaml>[1]>): Files =>
  Object.fromEntries(files.map((docs, i) => [`f${i}.yaml`, renderYaml(docs, styles[i % styles.length])]));

const problemsOf = (files: Files) => exercise(files, { offsets: 4 }).problems.map((p) => `${p.kind} ${p.where}: ${p.message.split('\n')[0]}`);

describe('properties of the engine over generated documents', () => {
  test('the renderer and the parser agree: every style reads back as the same values', () => {
    fc.assert(
      fc.property(fc.array(istioDoc, { minLength: 1, maxLength: 4 }), renderStyle, (docs, style) => {
        const parsed = parseYamlFile('x.yaml', renderYaml(docs, style));
        const values = parsed.documents.map((d) => (d.syntaxError ? { error: d.syntaxError.message } : JSON.parse(JSON.stringify(d.value ?? null))));
        return isDeepStrictEqual(values, docs.map((d) => JSON.parse(JSON.stringify(d))));
      }),
      runs(300),
    );
  });

  test('never throws, no rule set fails, every range (findings, related, hovers, symbols, lenses, completions, edits) lies inside its file', () => {
    fc.assert(
      fc.property(workspace, fc.array(renderStyle, { minLength: 4, maxLength: 4 }), (ws, styles) => {
        const files: Files = Object.fromEntries(ws.files.map((f, i) => [f.path, renderYaml(f.docs, styles[i])]));
        assert.deepEqual(problemsOf(files), []);
      }),
      runs(150),
    );
  });

  test('the same, with documents of any shape and mutated text on top', () => {
    fc.assert(
      fc.property(fc.array(anyDoc, { minLength: 1, maxLength: 6 }), renderStyle, fc.array(mutation, { minLength: 1, maxLength: 4 }), (docs, style, ms) => {
        assert.deepEqual(problemsOf({ 'a.yaml': applyMutations(renderYaml(docs, style), ms) }), []);
      }),
      runs(150),
    );
  });

  test('mutations of the repository samples and the corpus layouts: never throws, ranges inside', () => {
    const corpus = loadCorpus();
    fc.assert(
      fc.property(fc.nat({ max: corpus.length - 1 }), fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 5 }), (c, fileChoice, ms) => {
        const files = corpus[c].files;
        const paths = Object.keys(files).sort();
        const path = paths[fileChoice % paths.length];
        assert.deepEqual(problemsOf({ ...files, [path]: applyMutations(files[path], ms) }), []);
      }),
      runs(150),
    );
  });

  test('the findings do not depend on the order of the files', () => {
    fc.assert(
      fc.property(workspace, renderStyle, fc.nat(), (ws, style, seed) => {
        const files: Files = Object.fromEntries(ws.files.map((f) => [f.path, renderYaml(f.docs, style)]));
        const paths = Object.keys(files);
        // A rotation and a reversal of the order the engine is given.
        const k = paths.length ? seed % paths.length : 0;
        const orders = [paths, [...paths.slice(k), ...paths.slice(0, k)], [...paths].reverse()];
        const results = orders.map((order) => analyse(Object.fromEntries(order.map((p) => [p, files[p]])), { keepOrder: true }).snapshot.findings.map((f) => JSON.stringify(f)).sort());
        assert.deepEqual(results[1], results[0], 'rotated');
        assert.deepEqual(results[2], results[0], 'reversed');
      }),
      runs(150),
    );
  });

  test('the findings do not depend on the formatting (block or flow, quotes, comments, CRLF, BOM, markers, tabs, anchors, merge keys)', () => {
    fc.assert(
      fc.property(istioFiles, fc.array(renderStyle, { minLength: 4, maxLength: 4 }), (files, styles) => {
        const plain = analyse(render(files, [PLAIN_STYLE])).snapshot.findings.map(findingKey).sort();
        const styled = analyse(render(files, styles)).snapshot.findings.map(findingKey).sort();
        assert.deepEqual(styled, plain);
      }),
      runs(150),
    );
  });
});
