// The CI fuzz smoke: 2,000 inputs (generated workspaces and mutated manifests) through the whole
// engine and the editor features, each in a worker with a time limit. `npm run fuzz` is the long run.
import { isMainThread } from 'node:worker_threads';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpus } from 'node:os';
import { formatReport, runFuzz, runFuzzWorker } from './fuzzRunner';

export const SMOKE_SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const SMOKE_INPUTS = Number(process.env.FUZZ_SMOKE_INPUTS ?? 2000);

if (!isMainThread) {
  runFuzzWorker();
} else {
  test(`fuzz smoke: ${SMOKE_INPUTS} inputs, no crash, no timeout, no rule set failure, every range inside its file`, { timeout: 180_000 }, async (t) => {
    const report = await runFuzz({ inputs: SMOKE_INPUTS, seed: SMOKE_SEED, timeoutMs: 10_000, workers: Math.min(2, cpus().length), workerFile: __filename, offsetsPerFile: 3 });
    t.diagnostic(formatReport(report));
    assert.equal(report.inputs, SMOKE_INPUTS);
    assert.deepEqual(report.groups.map((g) => `[${g.kind}] x${g.count} #${g.firstIndex} ${g.signature} | ${g.recipe.slice(0, 200)}`), []);
  });
}
