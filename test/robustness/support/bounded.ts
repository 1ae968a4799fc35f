// Runs the engine and the editor features on a workspace in a worker thread with a heap limit
// and a time limit: a hostile input that hangs or explodes kills the worker, not the test run.
// The test file that uses it calls `runBoundedWorker()` when it is not the main thread.
import { Worker, parentPort, workerData, isMainThread } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { exercise, type Files, type Problem } from '../../fuzz/engineRun';

export interface BoundedResult {
  readonly outcome: 'done' | 'timeout' | 'crash';
  readonly ms: number;
  /** `rule file: message` of each finding (messages cut at 300 characters). */
  readonly findings: string[];
  readonly longestMessage: number;
  readonly problems: Problem[];
  readonly heapUsedMb: number;
  readonly error?: string;
}

interface Job {
  readonly files: Files;
  readonly offsets: number | 'all';
}

export function runBoundedWorker(): void {
  if (isMainThread || !parentPort) return;
  const job = workerData as Job;
  const t = performance.now();
  const { problems, findings } = exercise(job.files, { offsets: job.offsets });
  const result: BoundedResult = {
    outcome: 'done',
    ms: performance.now() - t,
    findings: findings.map((f) => `${f.rule} ${f.file}: ${f.message.slice(0, 300)}`),
    longestMessage: Math.max(0, ...findings.map((f) => f.message.length)),
    problems,
    heapUsedMb: process.memoryUsage().heapUsed / 1024 / 1024,
  };
  parentPort.postMessage(result);
}

/** Analyses `files` in `workerFile` (the calling test bundle) with at most `heapMb` of heap and `timeoutMs`. */
export function runBounded(workerFile: string, files: Files, o: { heapMb?: number; timeoutMs?: number; offsets?: number | 'all' } = {}): Promise<BoundedResult> {
  const started = performance.now();
  const job: Job = { files, offsets: o.offsets ?? 10 };
  return new Promise((resolve) => {
    const worker = new Worker(workerFile, { workerData: job, resourceLimits: { maxOldGenerationSizeMb: o.heapMb ?? 256 } });
    let settled = false;
    const end = (r: BoundedResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(r);
    };
    const failed = (outcome: 'timeout' | 'crash', error: string): BoundedResult => ({ outcome, ms: performance.now() - started, findings: [], longestMessage: 0, problems: [], heapUsedMb: 0, error });
    const timer = setTimeout(() => end(failed('timeout', `no answer within ${o.timeoutMs ?? 10_000} ms`)), o.timeoutMs ?? 10_000);
    worker.on('message', (r: BoundedResult) => end(r));
    worker.on('error', (e) => end(failed('crash', `${e.name}: ${e.message}`)));
    worker.on('exit', (code) => end(failed('crash', `worker exited with code ${code}`)));
  });
}
