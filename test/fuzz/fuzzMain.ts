// `npm run fuzz` (scripts/fuzz.mjs bundles this file): the long fuzz run.
//   --inputs N (default 100000)  --seed S  --timeout MS (default 5000)  --workers K  --out DIR  --progress N
//   --replay I,J,... --seed S: run those inputs alone and print their time and problems
import { isMainThread } from 'node:worker_threads';
import { cpus } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { formatReport, inputAt, runFuzz, runFuzzWorker } from './fuzzRunner';
import { exercise } from './engineRun';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

/** `--replay 12,345 --seed S`: runs those inputs here, one by one, and prints what each does. */
function replay(list: string, seed: number, outDir: string): number {
  let bad = 0;
  for (const index of list.split(',').map(Number)) {
    const input = inputAt(seed, index);
    if (outDir) for (const [p, t] of Object.entries(input.files)) {
      mkdirSync(dirname(join(outDir, `replay-${index}`, p)), { recursive: true });
      writeFileSync(join(outDir, `replay-${index}`, p), t);
    }
    const t = performance.now();
    const { problems } = exercise(input.files, { offsets: 6 });
    const ms = Math.round(performance.now() - t);
    if (problems.length) bad++;
    process.stdout.write(`#${index} ${ms} ms, ${problems.length} problems: ${input.recipe.slice(0, 300)}\n${problems.map((p) => `  ${p.kind} ${p.where}: ${p.message.split('\n')[0]}`).join('\n')}\n`);
  }
  return bad ? 1 : 0;
}

async function main(): Promise<number> {
  const inputs = Number(arg('inputs', '100000'));
  const seed = Number(arg('seed', String(Date.now() % 1_000_000_007)));
  const timeoutMs = Number(arg('timeout', '5000'));
  const workers = Number(arg('workers', String(Math.max(1, cpus().length))));
  const outDir = arg('out', '');
  if (arg('replay', '')) return replay(arg('replay', ''), seed, outDir);
  process.stdout.write(`fuzz: ${inputs} inputs, seed ${seed}, ${workers} workers, ${timeoutMs} ms per input${outDir ? `, failing inputs in ${outDir}` : ''}\n`);
  const report = await runFuzz({
    inputs, seed, timeoutMs, workers, workerFile: __filename, ...(outDir ? { outDir } : {}), progressEvery: Number(arg('progress', '1000')),
    onProgress: (done, r) => process.stdout.write(`  ${done}/${inputs}: crashes ${r.crashes}, timeouts ${r.timeouts}, rule-set failures ${r.ruleErrors}, range problems ${r.rangeProblems}, groups ${r.groups.length}\n`),
  });
  process.stdout.write(formatReport(report) + '\n');
  if (outDir) {
    // The folder exists only if a failing input was saved; the report is written either way.
    mkdirSync(outDir, { recursive: true });
    writeFileSync(`${outDir}/report.json`, JSON.stringify({ seed, ...report }, null, 2));
  }
  return report.groups.length ? 1 : 0;
}

if (isMainThread) {
  main().then((code) => process.exit(code), (e) => {
    process.stderr.write(`fuzz: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exit(2);
  });
} else {
  runFuzzWorker();
}
