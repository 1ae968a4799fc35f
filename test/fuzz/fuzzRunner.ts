// The fuzz driver: feeds numbered inputs to worker threads, one at a time each, and cuts a worker
// that takes longer than the per-input limit (a hang) or dies (stack overflow, out of memory).
// The same file is the worker: `runFuzzWorker()` answers `{ index }` with the problems found.
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exercise, type Problem } from './engineRun';
import { fuzzInputAt, fuzzInputs, loadCorpus, type FuzzInput } from './fuzzInputs';
import { testPki } from '../support/pki';

export interface FuzzOptions {
  readonly inputs: number;
  readonly seed: number;
  /** Per-input time limit (ms): the worker is terminated and the input counted as a timeout. */
  readonly timeoutMs: number;
  readonly workers: number;
  /** The bundled file that calls runFuzzWorker() when it is not the main thread. */
  readonly workerFile: string;
  /** Heap limit of a worker (MB): past it the input counts as a crash (out of memory). */
  readonly workerHeapMb?: number;
  /** Offsets per file at which the editor features are asked. */
  readonly offsetsPerFile?: number;
  /** Where to write the failing inputs (one folder per failure signature). */
  readonly outDir?: string;
  readonly onProgress?: (done: number, report: FuzzReport) => void;
  readonly progressEvery?: number;
}

export interface FailureGroup {
  readonly kind: 'crash' | 'timeout' | Problem['kind'];
  readonly signature: string;
  count: number;
  readonly firstIndex: number;
  readonly example: string;
  readonly recipe: string;
}

export interface FuzzReport {
  inputs: number;
  crashes: number;
  timeouts: number;
  ruleErrors: number;
  rangeProblems: number;
  durationMs: number;
  slowest: Array<{ index: number; ms: number; recipe: string }>;
  groups: FailureGroup[];
  /** Every input that timed out (the first 500), to re-run alone. */
  timeoutIndices: number[];
}

interface WorkerAnswer {
  readonly index: number;
  readonly ms: number;
  readonly problems: Problem[];
  readonly recipe: string;
}

interface WorkerSetup {
  readonly seed: number;
  readonly offsetsPerFile: number;
}

let cachedArb: ReturnType<typeof fuzzInputs> | undefined;

/** The inputs of a run, rebuilt the same way in every thread. */
export function inputArbitrary(): ReturnType<typeof fuzzInputs> {
  cachedArb ??= fuzzInputs(loadCorpus(process.cwd(), testPki().root.pem));
  return cachedArb;
}

export function inputAt(seed: number, index: number): FuzzInput {
  return fuzzInputAt(inputArbitrary(), seed, index);
}

/** The worker side: one input at a time. */
export function runFuzzWorker(): void {
  const port = parentPort;
  if (!port) return;
  const setup = workerData as WorkerSetup;
  inputArbitrary();
  port.on('message', (m: { index: number }) => {
    const input = inputAt(setup.seed, m.index);
    const t = performance.now();
    const { problems } = exercise(input.files, { offsets: setup.offsetsPerFile });
    const answer: WorkerAnswer = { index: m.index, ms: performance.now() - t, problems, recipe: input.recipe };
    port.postMessage(answer);
  });
  port.postMessage({ ready: true });
}

function signatureOf(p: Problem): string {
  // Group by what failed and the first line of the message, without numbers (offsets, sizes).
  const where = p.where.replace(/@\d+/g, '@N').replace(/\S+\.(ya?ml|pem|crt)/g, 'FILE');
  return `${p.kind} ${where}: ${p.message.split('\n')[0].replace(/\d+/g, 'N').slice(0, 200)}`;
}

class Collector {
  readonly report: FuzzReport = { inputs: 0, crashes: 0, timeouts: 0, ruleErrors: 0, rangeProblems: 0, durationMs: 0, slowest: [], groups: [], timeoutIndices: [] };
  private readonly bySignature = new Map<string, FailureGroup>();

  constructor(private readonly seed: number, private readonly outDir: string | undefined) {}

  private group(kind: FailureGroup['kind'], signature: string, index: number, example: string, recipe: string): void {
    const g = this.bySignature.get(signature);
    if (g) {
      g.count++;
      return;
    }
    const created: FailureGroup = { kind, signature, count: 1, firstIndex: index, example: example.slice(0, 2000), recipe: recipe.slice(0, 2000) };
    this.bySignature.set(signature, created);
    this.report.groups.push(created);
    if (this.outDir) {
      const dir = join(this.outDir, `${this.report.groups.length}-${kind}`);
      mkdirSync(dir, { recursive: true });
      const input = inputAt(this.seed, index);
      for (const [p, t] of Object.entries(input.files)) {
        mkdirSync(join(dir, 'files', p, '..'), { recursive: true });
        writeFileSync(join(dir, 'files', p), t);
      }
      writeFileSync(join(dir, 'failure.json'), JSON.stringify({ seed: this.seed, index, kind, signature, example, recipe: input.recipe }, null, 2));
    }
  }

  answer(a: WorkerAnswer): void {
    this.report.inputs++;
    const s = this.report.slowest;
    if (s.length < 5 || a.ms > s[s.length - 1].ms) {
      s.push({ index: a.index, ms: Math.round(a.ms), recipe: a.recipe.slice(0, 300) });
      s.sort((x, y) => y.ms - x.ms);
      s.length = Math.min(s.length, 5);
    }
    const kinds = new Set(a.problems.map((p) => p.kind));
    if (kinds.has('throw')) this.report.crashes++;
    if (kinds.has('rule-error')) this.report.ruleErrors++;
    if (kinds.has('range') || kinds.has('edit')) this.report.rangeProblems++;
    const seen = new Set<string>();
    for (const p of a.problems) {
      const sig = signatureOf(p);
      if (seen.has(sig)) continue;
      seen.add(sig);
      this.group(p.kind, sig, a.index, `${p.where}: ${p.message}`, a.recipe);
    }
  }

  died(index: number, kind: 'crash' | 'timeout', why: string): void {
    this.report.inputs++;
    if (kind === 'crash') this.report.crashes++;
    else this.report.timeouts++;
    let recipe = '';
    try {
      recipe = inputAt(this.seed, index).recipe;
    } catch (e) {
      recipe = `(could not rebuild the input: ${String(e)})`;
    }
    // Timeouts and dead workers have no stack: group them by what made the input (mutation ops, corpus entry).
    const ops = [...new Set([...recipe.matchAll(/"op":"(\w+)"/g)].map((m) => m[1]))].sort().join('+');
    const source = recipe.split(':')[0].split(',')[0];
    this.group(kind, `${kind}: ${why.replace(/\d+/g, 'N').slice(0, 200)} [${source}; ${ops || 'no mutation'}]`, index, why, recipe);
    if (kind === 'timeout' && this.report.timeoutIndices.length < 500) this.report.timeoutIndices.push(index);
  }
}

/** Runs `inputs` inputs over a pool of workers. */
export async function runFuzz(o: FuzzOptions): Promise<FuzzReport> {
  const started = performance.now();
  const collector = new Collector(o.seed, o.outDir);
  let next = 0;
  let finished = 0;
  const setup: WorkerSetup = { seed: o.seed, offsetsPerFile: o.offsetsPerFile ?? 6 };

  await new Promise<void>((resolveAll) => {
    let live = 0;
    const done = () => {
      finished++;
      if (o.onProgress && (finished % (o.progressEvery ?? 1000) === 0 || finished === o.inputs)) o.onProgress(finished, collector.report);
    };
    const spawn = () => {
      if (next >= o.inputs) {
        if (live === 0) resolveAll();
        return;
      }
      live++;
      const worker = new Worker(o.workerFile, { workerData: setup, resourceLimits: { maxOldGenerationSizeMb: o.workerHeapMb ?? 768, stackSizeMb: 4 }, stdout: true, stderr: true });
      let current: number | undefined;
      let timer: NodeJS.Timeout | undefined;
      let over = false;
      const finish = () => {
        if (over) return;
        over = true;
        if (timer) clearTimeout(timer);
        live--;
      };
      const feed = () => {
        if (next >= o.inputs) {
          finish();
          void worker.terminate();
          if (live === 0) resolveAll();
          return;
        }
        current = next++;
        worker.postMessage({ index: current });
        timer = setTimeout(() => {
          const index = current as number;
          current = undefined;
          collector.died(index, 'timeout', `no answer within ${o.timeoutMs} ms`);
          done();
          finish();
          void worker.terminate().then(spawn);
        }, o.timeoutMs);
      };
      worker.on('message', (m: WorkerAnswer | { ready: true }) => {
        if ('ready' in m) {
          feed();
          return;
        }
        if (timer) clearTimeout(timer);
        current = undefined;
        collector.answer(m);
        done();
        feed();
      });
      worker.on('error', (e) => {
        if (over) return;
        if (current !== undefined) {
          collector.died(current, 'crash', `worker died: ${e.name}: ${e.message}`.split('\n')[0]);
          done();
        }
        finish();
        spawn();
      });
      worker.on('exit', (code) => {
        if (over) return;
        if (current !== undefined) {
          collector.died(current, 'crash', `worker exited with code ${code}`);
          done();
        }
        finish();
        spawn();
      });
    };
    const n = Math.max(1, Math.min(o.workers, o.inputs));
    for (let i = 0; i < n; i++) spawn();
  });

  collector.report.durationMs = Math.round(performance.now() - started);
  return collector.report;
}

export function formatReport(r: FuzzReport): string {
  const lines = [
    `inputs: ${r.inputs}, crashes: ${r.crashes}, timeouts: ${r.timeouts}, rule-set failures: ${r.ruleErrors}, range/edit problems: ${r.rangeProblems}, in ${(r.durationMs / 1000).toFixed(1)} s`,
    `slowest: ${r.slowest.map((s) => `#${s.index} ${s.ms} ms`).join(', ')}`,
  ];
  for (const g of r.groups) lines.push(`- [${g.kind}] x${g.count} (first #${g.firstIndex}) ${g.signature}\n    recipe: ${g.recipe.slice(0, 300)}\n    ${g.example.split('\n').slice(0, 4).join('\n    ')}`);
  return lines.join('\n');
}
