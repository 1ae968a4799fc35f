import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCheck } from '../../../server/src/checkCommand';
import type { CheckArguments } from '../../../server/src/cliArguments';
import type { Finding, Severity } from '../../../server/src/rules/finding';
import type { RuleSet } from '../../../server/src/rules/ruleContext';
import { WorkspacePathError } from '../../../server/src/workspace/readWorkspaceFiles';
import { makeTempDir, writeTree } from './helpers';

const DR = 'kind: DestinationRule\nmetadata: {name: reviews, namespace: shop}\nspec: {host: reviews}\n';

function args(overrides: Partial<CheckArguments> = {}): CheckArguments {
  return { command: 'check', paths: ['.'], format: 'json', includeHints: false, failOn: 'error', ...overrides };
}

/** A rule set reporting one finding per given severity on the first file, at offsets 0..4. */
function reporting(severities: Severity[]): RuleSet {
  return {
    name: 'fake',
    ids: ['duplicate-resource'],
    map: () => [],
    files: (ctx): Finding[] =>
      severities.map((severity) => ({
        rule: 'duplicate-resource',
        severity,
        message: `a ${severity}`,
        anchor: { file: ctx.model.resources[0]?.source.file ?? 'a.yaml', offsets: [0, 4], identity: { kind: 'DestinationRule', namespace: 'shop', name: 'reviews' } },
        related: [],
      })),
  };
}

function run(a: CheckArguments, ruleSets: readonly RuleSet[], files: Record<string, string> = { 'a.yaml': DR }) {
  const { dir, cleanup } = makeTempDir();
  const warnings: string[] = [];
  try {
    writeTree(dir, files);
    const outcome = runCheck(a, { cwd: dir, warn: (l) => warnings.push(l), colour: false, toolVersion: '9.9.9', ruleSets });
    return { ...outcome, warnings };
  } finally {
    cleanup();
  }
}

test('hints are left out unless --include-hints', () => {
  assert.deepEqual(run(args(), [reporting(['hint', 'info'])]).findings.map((f) => f.severity), ['info']);
  assert.deepEqual(run(args({ includeHints: true }), [reporting(['hint', 'info'])]).findings.map((f) => f.severity).sort(), ['hint', 'info']);
});

test('--fail-on decides the exit status', () => {
  const cases: [CheckArguments['failOn'], Severity[], number][] = [
    ['error', ['warning', 'info'], 0],
    ['error', ['error'], 1],
    ['warning', ['warning'], 1],
    ['warning', ['info'], 0],
    ['info', ['info'], 1],
    ['info', ['hint'], 0],
  ];
  for (const [failOn, severities, code] of cases) {
    assert.equal(run(args({ failOn, includeHints: true }), [reporting(severities)]).exitCode, code, `${failOn} ${severities.join(',')}`);
  }
});

test('a rule set that throws is reported once by name; the others still report', () => {
  const broken: RuleSet = { name: 'broken-set', ids: [], map: () => { throw new Error('boom\nat somewhere'); } };
  // Two variants of one object give two analysis contexts: the set throws twice, is reported once.
  const r = run(args(), [broken, reporting(['warning'])], { 'prod/a.yaml': DR, 'dev/a.yaml': DR });
  assert.deepEqual(r.warnings, ["error: rule set 'broken-set' failed and its findings are missing: boom"]);
  assert.ok(r.findings.length >= 1);
  assert.equal(r.exitCode, 0);
});

test('the report is the requested format; text has the summary', () => {
  const json = run(args(), [reporting(['error'])]);
  const parsed = JSON.parse(json.output) as { version: number; findings: { file: string; range: unknown }[] };
  assert.equal(parsed.version, 1);
  assert.equal(parsed.findings[0].file, 'a.yaml');
  assert.deepEqual(parsed.findings[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } });
  const text = run(args({ format: 'text' }), [reporting(['error'])]);
  assert.match(text.output, /^a\.yaml\n {2}1:1 {2}error {4}a error {2}\[duplicate-resource\]\n/);
  assert.match(text.output, /1 finding: 1 error, 0 warnings, 0 info \(1 file checked\)\n$/);
  const sarif = JSON.parse(run(args({ format: 'sarif' }), [reporting(['error'])]).output) as { version: string; runs: { tool: { driver: { version: string } } }[] };
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs[0].tool.driver.version, '9.9.9');
});

test('skip notes and an empty workspace become warnings', () => {
  const r = run(args(), [], { 'bin.yaml': '\u0000' });
  assert.deepEqual(r.warnings, ['warning: skipped bin.yaml: binary file', 'warning: no YAML or certificate files found in .']);
  assert.equal(r.exitCode, 0);
});

test('a missing path throws WorkspacePathError', () => {
  assert.throws(() => run(args({ paths: ['nope'] }), []), WorkspacePathError);
});
