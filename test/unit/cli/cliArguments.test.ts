import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArguments, parseIsoDate, UsageError, type CheckArguments } from '../../../server/src/cliArguments';

function check(argv: string[]): CheckArguments {
  const a = parseArguments(argv);
  assert.equal(a.command, 'check');
  return a as CheckArguments;
}

test('check defaults: text, fail on error, no hints, current time', () => {
  const a = check(['check', '.']);
  assert.deepEqual(a, { command: 'check', paths: ['.'], format: 'text', includeHints: false, failOn: 'error' });
});

test('every option, separated and with =', () => {
  const a = check(['check', '--format', 'json', '--now=2026-11-22T00:00:00Z', '--root-namespace', 'mesh-root', '--include-hints', '--fail-on=warning', 'a', 'b.yaml']);
  assert.equal(a.format, 'json');
  assert.equal(a.now?.toISOString(), '2026-11-22T00:00:00.000Z');
  assert.equal(a.rootNamespace, 'mesh-root');
  assert.equal(a.includeHints, true);
  assert.equal(a.failOn, 'warning');
  assert.deepEqual(a.paths, ['a', 'b.yaml']);
});

test('options may follow paths; -- ends options', () => {
  const a = check(['check', 'x', '--format', 'sarif', '--', '--odd-name.yaml']);
  assert.equal(a.format, 'sarif');
  assert.deepEqual(a.paths, ['x', '--odd-name.yaml']);
});

test('help and version', () => {
  assert.deepEqual(parseArguments(['--help']), { command: 'help' });
  assert.deepEqual(parseArguments(['-h']), { command: 'help' });
  assert.deepEqual(parseArguments(['check', '--help']), { command: 'help' });
  assert.deepEqual(parseArguments(['--version']), { command: 'version' });
});

for (const [argv, pattern] of [
  [[], /no command/],
  [['lint', '.'], /unknown command 'lint'/],
  [['--format', 'json', 'check'], /unknown option --format/],
  [['check'], /at least one PATH/],
  [['check', '--bogus', '.'], /unknown option --bogus/],
  [['check', '--format', 'xml', '.'], /--format must be one of text, json, sarif/],
  [['check', '.', '--format'], /--format needs a value/],
  [['check', '--fail-on', 'hint', '.'], /--fail-on must be one of error, warning, info/],
  [['check', '--now', 'yesterday', '.'], /--now must be an ISO-8601/],
  [['check', '--now', '2026-02-30', '.'], /--now/],
  [['check', '--root-namespace', 'Istio_System', '.'], /--root-namespace/],
  [['check', '--include-hints=yes', '.'], /takes no value/],
] as const) {
  test(`usage error: ${argv.join(' ') || '(nothing)'}`, () => {
    assert.throws(() => parseArguments([...argv]), (e: unknown) => e instanceof UsageError && pattern.test(e.message) && !e.message.includes('\n'));
  });
}

test('ISO-8601 dates: date only, zones, fractions; invalid days rejected', () => {
  assert.equal(parseIsoDate('2026-11-22')?.toISOString(), '2026-11-22T00:00:00.000Z');
  assert.equal(parseIsoDate('2026-11-22T10:30')?.toISOString(), '2026-11-22T10:30:00.000Z');
  assert.equal(parseIsoDate('2026-11-22T10:30:00.5+02:00')?.toISOString(), '2026-11-22T08:30:00.500Z');
  assert.equal(parseIsoDate('2026-11-22T10:30:00-0130')?.toISOString(), '2026-11-22T12:00:00.000Z');
  assert.equal(parseIsoDate('2024-02-29')?.toISOString(), '2024-02-29T00:00:00.000Z');
  assert.equal(parseIsoDate('2025-02-29'), undefined);
  assert.equal(parseIsoDate('2026-13-01'), undefined);
  assert.equal(parseIsoDate('2026-11-22T24:00:00Z'), undefined);
  assert.equal(parseIsoDate('1764000000'), undefined);
});
