// The benchmark harness runs end to end at 1k documents (a smoke test: no timing assertions).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..', '..', '..');

test('bench/run.mjs measures floor, CLI, server cold, edits and RSS at 1k documents', { timeout: 240_000 }, () => {
  assert.ok(existsSync(join(ROOT, 'server', 'out', 'server.js')), 'run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'mtls-bench-smoke-'));
  try {
    const out = join(dir, 'results.json');
    const r = spawnSync(process.execPath, [join(ROOT, 'bench', 'run.mjs'), '--sizes', '1000', '--reps', '1', '--edits', '10', '--skip-peer', '--out', out], { encoding: 'utf8', timeout: 230_000 });
    assert.equal(r.status, 0, r.stderr);
    const results = JSON.parse(readFileSync(out, 'utf8')) as { sizes: Array<Record<string, unknown>> };
    const row = results.sizes[0];
    assert.ok(Number(row.documents) >= 1000);
    for (const key of ['floorMs', 'cliMs', 'cliOverFloor', 'serverColdMs', 'serverRssMb', 'editP50Ms', 'editP95Ms']) assert.ok(row[key] !== undefined, key);
    assert.ok(Number(row.edits) >= 5, 'edits were measured');
    assert.match(r.stdout, /\| documents \| floor ms \|/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
