// Writes the figures of bench/results.json into bench/README.md (between the markers), so the
// README always shows the latest run and the machine it came from. `node bench/readme.mjs`;
// bench/run.mjs calls it after writing the default results file.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const START = '<!-- figures:start -->';
const END = '<!-- figures:end -->';

export function figures(results) {
  const m = results.machine;
  const ok = (cond) => (cond ? 'met' : '**not met**');
  const at = (n) => results.sizes.find((s) => Math.abs(s.documents - n) < n * 0.01);
  const s1k = at(1000);
  const s10k = at(10000);
  const s50k = at(50000);
  const lines = [
    `Run of ${results.date.slice(0, 10)} on ${m.cpus} × ${m.cpu}, ${m.memoryGB} GiB, Node ${m.node}. Medians of the repetitions; spreads are in results.json.`,
    '',
    '| documents | files | floor ms | CLI ms | CLI/floor | server cold ms | RSS MB | edit p50 ms | edit p95 ms | p95/cold | yaml-language-server ms | cold/peer |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...results.sizes.map((s) => `| ${s.documents} | ${s.files} | ${s.floorMs.median} | ${s.cliMs.median} | ${s.cliOverFloor} | ${s.serverColdMs} | ${s.serverRssMb} | ${s.editP50Ms} | ${s.editP95Ms} | ${s.editP95OverCold} | ${s.peerYamlLanguageServerMs ?? '-'} | ${s.coldOverPeer ?? '-'} |`),
    '',
    'Targets (issue 6):',
    '',
  ];
  if (s10k) {
    lines.push(`- CLI at 10k ≤ 1.5 × floor: ${s10k.cliOverFloor} (${ok(s10k.cliOverFloor <= 1.5)})`);
    lines.push(`- edit p95 at 10k ≤ 2% of cold: ${(s10k.editP95OverCold * 100).toFixed(2)}% (${ok(s10k.editP95OverCold <= 0.02)})`);
    if (s10k.coldOverPeer !== undefined) lines.push(`- server cold at 10k ≤ yaml-language-server: ${s10k.coldOverPeer} (${ok(s10k.coldOverPeer <= 1)})`);
  }
  if (s1k && s50k) lines.push(`- edit p95 at 50k ≤ 2 × p95 at 1k: ${results.p95At50kOverP95At1k} (${ok(results.p95At50kOverP95At1k <= 2)})`);
  if (s50k) lines.push(`- server RSS at 50k < 600 MB: ${s50k.serverRssMb} MB (${ok(s50k.serverRssMb < 600)})`);
  return lines.join('\n');
}

export function writeReadme(resultsPath = join(HERE, 'results.json'), readmePath = join(HERE, 'README.md')) {
  const results = JSON.parse(readFileSync(resultsPath, 'utf8'));
  const readme = readFileSync(readmePath, 'utf8');
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${readmePath} has no ${START} … ${END} block`);
  writeFileSync(readmePath, `${readme.slice(0, a + START.length)}\n${figures(results)}\n${readme.slice(b)}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeReadme();
