// Issue 7 "Fault isolation": a rule set that throws loses only its own findings for that run,
// logged once with its name; the CLI and the language server keep working; no unhandled
// rejections. Injected through analyzeWorkspace's options, the CLI's check environment, and
// the language server (which runs the catalogue's rule sets: the test swaps one in place).
import { describe, test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { analyse, findingKey, type Files } from '../fuzz/engineRun';
import { ALL_RULE_SETS } from '../../server/src/rules/allRuleSets';
import type { RuleSet } from '../../server/src/rules/ruleContext';
import type { Finding } from '../../server/src/rules/finding';
import { runCheck } from '../../server/src/checkCommand';
import { startTestServer, type TestServer } from './support/server';
import { tempTree } from './support/cli';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../support/fixtures';
import { docs } from '../support/workspace';

const APP = docs(namespace('shop', { 'istio-injection': 'enabled' }), deployment('shop', 'web'), deployment('shop', 'reviews'), service('shop', 'reviews'), peerAuthentication('shop', 'default', 'STRICT'), peerAuthentication('shop', 'zz-second', 'PERMISSIVE'));
const FILES: Files = {
  'app.yaml': APP,
  'dr.yaml': destinationRule('shop', 'reviews', 'reviews', '  trafficPolicy:\n    tls:\n      mode: DISABLE\n    portLevelSettings:\n    - port: {number: 80}\n      tls: {}\n'),
  // Two environments: the analysis runs in several contexts, so a failing set fails several times.
  'envs/a/ns.yaml': namespace('extra'),
  'envs/b/ns.yaml': namespace('extra', { 'istio-injection': 'enabled' }),
};

const VICTIM = 'client-meets-server';

/** Things a buggy rule might throw. */
const THROWN: Array<[string, () => never]> = [
  ['an Error', () => { throw new Error('boom'); }],
  ['a TypeError from reading a property of undefined', () => { const x = undefined as unknown as { a: { b: number } }; return x.a.b as never; }],
  ['a stack overflow', () => { const f = (n: number): number => f(n + 1) + 1; return f(0) as never; }],
  ['a string', () => { throw 'plain string'; }],
  ['undefined', () => { throw undefined; }],
  ['a Symbol', () => { throw Symbol('odd'); }],
  ['an object without a prototype (String() of it throws)', () => { throw Object.create(null); }],
  ['an Error whose message getter throws', () => { throw Object.defineProperty(new Error(), 'message', { get() { throw new Error('getter'); } }); }],
];

function failing(name: string, ids: readonly string[], thrower: () => never): RuleSet {
  return { name, ids, map: () => thrower() };
}

const withoutRules = (list: readonly string[], ids: readonly string[]) => list.filter((k) => !ids.includes(k.split(' ')[0]));

describe('a rule set that throws', () => {
  const victim = ALL_RULE_SETS.find((s) => s.name === VICTIM);
  const baseline = analyse(FILES).snapshot.findings.map(findingKey).sort();
  test('sanity: the victim set has findings to lose, and other sets have findings to keep', () => {
    assert.ok(victim, `${VICTIM} is in the catalogue`);
    assert.ok(baseline.some((k) => victim.ids.includes(k.split(' ')[0])));
    assert.ok(withoutRules(baseline, victim.ids).length >= 2, baseline.join("\n"));
  });

  for (const [what, thrower] of THROWN) {
    test(`analyzeWorkspace, the set throws ${what}: only its findings are lost, the error handler hears of it`, () => {
      const sets = ALL_RULE_SETS.map((s) => (s === victim ? failing(VICTIM, s.ids, thrower) : s));
      const { snapshot, ruleErrors } = analyse(FILES, { ruleSets: sets });
      assert.deepEqual(snapshot.findings.map(findingKey).sort(), withoutRules(baseline, victim?.ids ?? []));
      assert.ok(ruleErrors.length >= 1 && ruleErrors.every((e) => e.set === VICTIM), JSON.stringify(ruleErrors));
    });
  }

  for (const [what, thrower] of THROWN) {
    test(`the CLI's check, the set throws ${what}: one error line naming the set, the other findings printed`, () => {
      const tree = tempTree(FILES);
      try {
        const lines: string[] = [];
        const sets = ALL_RULE_SETS.map((s) => (s === victim ? failing(VICTIM, s.ids, thrower) : s));
        const outcome = runCheck(
          { command: 'check', paths: ['.'], format: 'json', failOn: 'error', includeHints: false, now: new Date('2026-11-22T00:00:00Z') },
          { cwd: tree.dir, warn: (l) => lines.push(l), colour: false, toolVersion: '0.0.0', ruleSets: sets },
        );
        const named = lines.filter((l) => l.includes(VICTIM));
        assert.equal(named.length, 1, JSON.stringify(lines));
        assert.ok(outcome.findings.some((f) => f.rule === 'duplicate-scope-policy'), 'the other sets still report');
        assert.ok(!outcome.findings.some((f) => victim?.ids.includes(f.rule)));
      } finally {
        tree.cleanup();
      }
    });
  }

  test('a set returning a finding with offsets past the end of its file: the finding is shown inside the file', () => {
    const wild: RuleSet = {
      name: 'wild', ids: ['yaml-syntax'],
      map: () => [],
      files: (): Finding[] => [{ rule: 'yaml-syntax', message: 'x', anchor: { file: 'dr.yaml', offsets: [1e6, 1e6 + 5], identity: { kind: '', namespace: '', name: '' } }, related: [] }],
    };
    const { snapshot } = analyse(FILES, { ruleSets: [wild] });
    const f = snapshot.findings.find((x) => x.rule === 'yaml-syntax');
    assert.ok(f);
    const lines = FILES['dr.yaml'].split('\n');
    assert.ok(f.range.end.line < lines.length && f.range.end.character <= lines[f.range.end.line].length, JSON.stringify(f.range));
  });
});

describe('a rule set that throws inside the language server', () => {
  const servers: TestServer[] = [];
  const unhandled: string[] = [];
  const onRejection = (e: unknown) => unhandled.push(`unhandledRejection: ${String(e)}`);
  const onException = (e: unknown) => unhandled.push(`uncaughtException: ${String(e)}`);
  const catalogue = ALL_RULE_SETS as RuleSet[];
  const victimIndex = catalogue.findIndex((s) => s.name === VICTIM);
  const original = catalogue[victimIndex];
  before(() => {
    process.on('unhandledRejection', onRejection);
    process.on('uncaughtException', onException);
  });
  after(async () => {
    catalogue[victimIndex] = original;
    for (const s of servers) await s.dispose();
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  });

  for (const [what, thrower] of THROWN.filter(([w]) => /^(an Error|a TypeError|a string|an object without)/.test(w))) {
    test(`the set throws ${what}: its diagnostics are missing, one error log line names it (over many analyses), requests are answered, nothing unhandled`, { timeout: 30_000 }, async () => {
      catalogue[victimIndex] = failing(VICTIM, original.ids, thrower);
      try {
        const server = await startTestServer(FILES);
        servers.push(server);
        await server.waitFor(() => server.rules('app.yaml').includes('duplicate-scope-policy'), 'the other sets\u2019 diagnostics');
        for (let v = 1; v <= 20; v++) {
          await server.open('dr.yaml', FILES['dr.yaml'] + `# edit ${v}\n`, v);
          await server.settle();
        }
        assert.ok(!server.rules('dr.yaml').includes('plaintext-to-strict'), 'the failing set reports nothing');
        assert.ok(server.rules('dr.yaml').includes('empty-tls-means-disable'), 'other sets report on the same file');
        const named = server.logs.filter((l) => l.message.includes(VICTIM));
        assert.equal(named.length, 1, JSON.stringify(server.logs.map((l) => l.message.slice(0, 120))));
        assert.equal(named[0].type, 1, 'logged as an error');
        assert.ok(await server.hover('dr.yaml', { line: 9, character: 12 }), 'hover still answers');
        assert.ok(Array.isArray(await server.symbols('dr.yaml')), 'symbols still answer');
        assert.deepEqual(unhandled, []);
      } finally {
        catalogue[victimIndex] = original;
      }
    });
  }
});
