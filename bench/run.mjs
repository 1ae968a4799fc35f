// The benchmark harness (issue 6): `npm run bench` or
//   node bench/run.mjs [--sizes 1000,10000,50000] [--reps 3] [--edits 200] [--skip-peer] [--out bench/results.json]
// Measured in one run on this machine, so that the ratios compare like with like:
//   1. floor: a Node process that only reads the files and parses them with yaml's parseAllDocuments;
//   2. the CLI `check` on the same files (whole process);
//   3. the language server: initialize -> all diagnostics published (cold), then single-document
//      edits at random places, each timed from didChange to the last publishDiagnostics it causes;
//   4. the server's RSS after indexing;
//   5. the peer: yaml-language-server, syntax validation of the same files (opened), time to publish.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { rng, writeMesh } from './generate.mjs';
import { rssMb, startServer, stopServer } from './lspClient.mjs';
import { writeReadme } from './readme.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const SIZES = opt('sizes', '1000,10000,50000').split(',').map(Number);
const REPS = Number(opt('reps', '3'));
const EDITS = Number(opt('edits', '200'));
const OUT = opt('out', join(ROOT, 'bench', 'results.json'));
const SKIP_PEER = args.includes('--skip-peer');
const CLI = join(ROOT, 'server', 'out', 'cli.js');
const SERVER = join(ROOT, 'server', 'out', 'server.js');
const PEER = join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const spread = (xs) => ({ median: Math.round(median(xs)), min: Math.round(Math.min(...xs)), max: Math.round(Math.max(...xs)), runs: xs.map(Math.round) });

function walk(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

function timeProcess(argv) {
  const t = performance.now();
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
  return ms;
}

const FLOOR_SCRIPT = `
const fs = require('fs'), path = require('path');
const { parseAllDocuments } = require(${JSON.stringify(join(ROOT, 'node_modules', 'yaml'))});
function walk(d) { return fs.readdirSync(d).flatMap((n) => { const p = path.join(d, n); return fs.statSync(p).isDirectory() ? walk(p) : [p]; }); }
let n = 0;
for (const f of walk(process.argv[1])) if (/\\.ya?ml$/.test(f)) n += parseAllDocuments(fs.readFileSync(f, 'utf8')).length;
if (n === 0) process.exit(3);
`;

/** One edit: flip a PeerAuthentication mode, change a DestinationRule host, or relabel a pod. */
function editOf(text, r) {
  const kinds = [
    [/mode: STRICT/, 'mode: PERMISSIVE'], [/mode: PERMISSIVE/, 'mode: STRICT'], [/mode: ISTIO_MUTUAL/, 'mode: DISABLE'],
    [/host: (svc-\d+)\n/, 'host: $1-renamed\n'], [/version: v1\n/, 'version: v2\n'],
  ];
  const applicable = kinds.filter(([re]) => re.test(text));
  if (!applicable.length) return undefined;
  const [re, to] = applicable[Math.floor(r() * applicable.length)];
  return text.replace(re, to);
}

async function languageServerRun(folder, files) {
  const server = startServer(process.execPath, [SERVER, '--stdio'], { cwd: folder });
  const { connection, child } = server;
  let analyses = 0;
  let lastPublish = 0;
  const waiters = [];
  connection.onNotification('textDocument/publishDiagnostics', () => {
    lastPublish = performance.now();
  });
  connection.onNotification('istioMtlsDoctor/modelChanged', () => {
    analyses++;
    for (const w of waiters.splice(0)) w();
  });
  connection.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('client/registerCapability', () => null);
  const nextAnalysis = (after) => new Promise((resolveWait) => {
    const check = () => (analyses > after ? resolveWait() : waiters.push(check));
    check();
  });
  const t0 = performance.now();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(folder).href,
    workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'bench' }],
    capabilities: { workspace: { configuration: true }, window: { workDoneProgress: false } },
  });
  connection.sendNotification('initialized', {});
  await nextAnalysis(0);
  const cold = Math.max(lastPublish, performance.now()) - t0;
  const rss = await rssMb(child.pid);
  const r = rng(7);
  const editable = files.filter((f) => /kind: (PeerAuthentication|DestinationRule|Deployment)/.test(readFileSync(f, 'utf8')));
  const latencies = [];
  for (let i = 0; i < EDITS && editable.length; i++) {
    const file = editable[Math.floor(r() * editable.length)];
    const uri = pathToFileURL(file).href;
    const text = readFileSync(file, 'utf8');
    const changed = editOf(text, r);
    if (!changed) continue;
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const before = analyses;
    lastPublish = 0;
    const t = performance.now();
    connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: changed }] });
    await nextAnalysis(before);
    const end = performance.now();
    latencies.push((lastPublish > t ? Math.max(lastPublish, end) : end) - t);
    connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await nextAnalysis(analyses);
  }
  await stopServer(server);
  return { cold, rss, latencies };
}

async function peerRun(files) {
  const server = startServer(process.execPath, [PEER, '--stdio']);
  const { connection } = server;
  const pending = new Set(files.map((f) => pathToFileURL(f).href));
  let done;
  const all = new Promise((r) => (done = r));
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    pending.delete(p.uri);
    if (pending.size === 0) done();
  });
  connection.onRequest('workspace/configuration', (p) => p.items.map(() => ({ validate: true, hover: false, completion: false, schemaStore: { enable: false }, schemas: {} })));
  connection.onRequest('client/registerCapability', () => null);
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  connection.sendNotification('initialized', {});
  connection.sendNotification('workspace/didChangeConfiguration', { settings: { yaml: { validate: true, schemaStore: { enable: false }, schemas: {} } } });
  const t0 = performance.now();
  for (const f of files) connection.sendNotification('textDocument/didOpen', { textDocument: { uri: pathToFileURL(f).href, languageId: 'yaml', version: 1, text: readFileSync(f, 'utf8') } });
  await all;
  const ms = performance.now() - t0;
  await stopServer(server);
  return ms;
}

const results = { machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGB: Math.round(totalmem() / 2 ** 30), node: process.version }, date: new Date().toISOString(), sizes: [] };
for (const size of SIZES) {
  const folder = mkdtempSync(join(tmpdir(), `mtls-bench-${size}-`));
  const generated = writeMesh(folder, size, 42);
  const files = walk(folder).filter((f) => /\.ya?ml$/.test(f)).sort();
  const floor = [];
  const cli = [];
  for (let i = 0; i < REPS; i++) {
    floor.push(timeProcess(['-e', FLOOR_SCRIPT, folder]));
    cli.push(timeProcess([CLI, 'check', '--format', 'json', folder]));
  }
  const lsp = await languageServerRun(folder, files);
  const peer = SKIP_PEER ? undefined : await peerRun(files);
  const row = {
    documents: generated.documents,
    files: generated.files,
    floorMs: spread(floor),
    cliMs: spread(cli),
    cliOverFloor: Number((median(cli) / median(floor)).toFixed(2)),
    serverColdMs: Math.round(lsp.cold),
    serverRssMb: lsp.rss,
    edits: lsp.latencies.length,
    editP50Ms: Number(percentile(lsp.latencies, 50).toFixed(1)),
    editP95Ms: Number(percentile(lsp.latencies, 95).toFixed(1)),
    editP95OverCold: Number((percentile(lsp.latencies, 95) / lsp.cold).toFixed(4)),
    ...(peer !== undefined ? { peerYamlLanguageServerMs: Math.round(peer), coldOverPeer: Number((lsp.cold / peer).toFixed(2)) } : {}),
  };
  results.sizes.push(row);
  console.log(JSON.stringify(row));
  rmSync(folder, { recursive: true, force: true });
}
const p95 = (n) => results.sizes.find((s) => Math.abs(s.documents - n) < n * 0.01)?.editP95Ms;
if (p95(1000) && p95(50000)) results.p95At50kOverP95At1k = Number((p95(50000) / p95(1000)).toFixed(2));

console.log('\n| documents | floor ms | CLI ms | CLI/floor | server cold ms | RSS MB | edit p50 ms | edit p95 ms | p95/cold | peer ms | cold/peer |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const s of results.sizes) {
  console.log(`| ${s.documents} | ${s.floorMs.median} | ${s.cliMs.median} | ${s.cliOverFloor} | ${s.serverColdMs} | ${s.serverRssMb} | ${s.editP50Ms} | ${s.editP95Ms} | ${s.editP95OverCold} | ${s.peerYamlLanguageServerMs ?? '-'} | ${s.coldOverPeer ?? '-'} |`);
}
if (results.p95At50kOverP95At1k !== undefined) console.log(`\np95 at 50k / p95 at 1k: ${results.p95At50kOverP95At1k}`);
writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
console.log(`written ${OUT}`);
// The README's figures follow the default results file (a run with --out elsewhere leaves them).
if (resolve(OUT) === resolve(ROOT, 'bench', 'results.json')) {
  writeReadme();
  console.log('updated bench/README.md');
}
