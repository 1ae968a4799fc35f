import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CrashPolicy } from '../../../client/src/crashPolicy';

describe('server crash policy', () => {
  test('restarts after a crash and tells the user once', () => {
    let now = 0;
    const p = new CrashPolicy(5, 180_000, () => now);
    const first = p.crashed();
    assert.equal(first.action, 'restart');
    assert.match(first.message ?? '', /stopped unexpectedly and was restarted/);
    now += 60_000;
    assert.deepEqual(p.crashed(), { action: 'restart' });
  });

  test('stops after five crashes within three minutes, and says so', () => {
    let now = 0;
    const p = new CrashPolicy(5, 180_000, () => now);
    for (let i = 0; i < 4; i++, now += 1000) assert.equal(p.crashed().action, 'restart');
    const d = p.crashed();
    assert.equal(d.action, 'stop');
    assert.match(d.message ?? '', /crashed 5 times in 3 minutes/);
  });

  test('old crashes fall out of the window; a user restart clears the history', () => {
    let now = 0;
    const p = new CrashPolicy(3, 1000, () => now);
    p.crashed();
    p.crashed();
    now = 5000;
    assert.equal(p.crashed().action, 'restart');
    p.crashed();
    p.reset();
    assert.equal(p.crashed().action, 'restart');
  });
});
