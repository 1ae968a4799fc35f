import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { statusView } from '../../../client/src/statusBarText';

describe('status bar item', () => {
  test('indexing progress first, with the server message', () => {
    const v = statusView({ server: 'running', indexing: '120 of 2000 files', errors: 0, warnings: 0 });
    assert.equal(v.text, '$(sync~spin) mTLS: indexing 120 of 2000 files');
    assert.equal(v.command, 'output');
  });

  test('then the error and warning counts; a click opens Problems', () => {
    const v = statusView({ server: 'running', errors: 2, warnings: 1 });
    assert.equal(v.text, '$(shield) mTLS $(error) 2 $(warning) 1');
    assert.equal(v.command, 'problems');
    assert.equal(v.background, 'error');
    assert.match(v.tooltip, /^Istio mTLS Doctor: 2 errors, 1 warning in the workspace/);
    assert.equal(statusView({ server: 'running', errors: 0, warnings: 3 }).background, undefined);
    assert.match(statusView({ server: 'running', errors: 1, warnings: 0 }).tooltip, /1 error, 0 warnings/);
  });

  test('nothing found: a check mark; starting and stopped servers say so', () => {
    assert.equal(statusView({ server: 'running', errors: 0, warnings: 0 }).text, '$(shield) mTLS $(check)');
    assert.equal(statusView({ server: 'starting', errors: 0, warnings: 0 }).text, '$(sync~spin) mTLS Doctor');
    const stopped = statusView({ server: 'stopped', errors: 4, warnings: 0 });
    assert.equal(stopped.command, 'restart');
    assert.match(stopped.tooltip, /stopped. Click to restart/);
  });
});
