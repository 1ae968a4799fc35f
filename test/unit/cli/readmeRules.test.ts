import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../../server/src/rules/catalogue';
import { repoRoot } from './helpers';

test("README's rule section is in sync with the catalogue (npm run readme:rules)", () => {
  const r = spawnSync(process.execPath, ['scripts/readme-rules.mjs', '--check'], { cwd: repoRoot(), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

test('README has an anchor heading per rule (SARIF helpUri points at #<rule-id>)', () => {
  const readme = fs.readFileSync(path.join(repoRoot(), 'README.md'), 'utf8');
  for (const rule of RULES) assert.ok(readme.includes(`\n### ${rule.id}\n`), rule.id);
});
