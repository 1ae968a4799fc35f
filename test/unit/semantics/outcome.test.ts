import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { outcomeOf, serverSide, type ServerSide } from '../../../server/src/semantics/outcome';
import type { Wire } from '../../../server/src/semantics/clientTls';

const NONE: ServerSide = { sidecar: 'none' };
const side = (mode: 'PERMISSIVE' | 'STRICT' | 'DISABLE' | 'UNKNOWN'): ServerSide => ({ sidecar: 'yes', mode });
const cell = (w: Wire, s: ServerSide, http = false) => {
  const o = outcomeOf(w, s, http);
  return `${o.verdict}${o.cell ? ` ${o.cell}` : ''}`;
};

describe('§C outcome matrix cells', () => {
  test('§C plaintext row: OK to no sidecar, PERMISSIVE and DISABLE; FAIL C2 to STRICT', () => {
    assert.equal(cell('PLAINTEXT', NONE), 'ok no sidecar');
    assert.equal(cell('PLAINTEXT', side('PERMISSIVE')), 'ok PERMISSIVE');
    assert.equal(cell('PLAINTEXT', side('STRICT')), 'fails C2');
    assert.equal(cell('PLAINTEXT', side('STRICT'), true), 'fails C2');
    assert.equal(cell('PLAINTEXT', side('DISABLE')), 'ok DISABLE');
  });
  test('§C Istio mTLS row: FAIL C4 without sidecar, OK to PERMISSIVE/STRICT, FAIL C5 to DISABLE', () => {
    assert.equal(cell('MTLS', NONE), 'fails C4');
    assert.equal(cell('MTLS', side('PERMISSIVE')), 'ok mTLS');
    assert.equal(cell('MTLS', side('STRICT')), 'ok mTLS');
    assert.equal(cell('MTLS', side('DISABLE')), 'fails C5');
    assert.equal(cell('MTLS', side('DISABLE'), true), 'fails C5');
  });
  test('§C user TLS row: OK to a plain app; PERMISSIVE fails on HTTP ports only; STRICT fails C6', () => {
    assert.equal(cell('USER_TLS', NONE), 'ok no sidecar');
    assert.equal(cell('USER_TLS', side('PERMISSIVE'), true), 'fails C6');
    assert.equal(cell('USER_TLS', side('PERMISSIVE'), false), 'ok PERMISSIVE');
    assert.equal(cell('USER_TLS', side('STRICT')), 'fails C6');
    assert.equal(cell('USER_TLS', side('STRICT'), true), 'fails C6');
  });
  test('§C user TLS to DISABLE: passed through on TCP, 400 DPE on HTTP-declared ports', () => {
    assert.equal(cell('USER_TLS', side('DISABLE'), false), 'ok DISABLE');
    assert.equal(cell('USER_TLS', side('DISABLE'), true), 'fails C5');
  });
  test('§C an unknown wire, unknown sidecar or unknown mode decides nothing', () => {
    assert.equal(cell('UNKNOWN', side('STRICT')), 'unknown');
    assert.equal(cell('MTLS', { sidecar: 'unknown' }), 'unknown');
    assert.equal(cell('PLAINTEXT', side('UNKNOWN')), 'unknown');
    assert.equal(cell('UNKNOWN', NONE), 'unknown');
  });
  test('§C every failing cell explains itself', () => {
    for (const [w, s, h] of [['PLAINTEXT', side('STRICT'), false], ['MTLS', NONE, false], ['MTLS', side('DISABLE'), false], ['USER_TLS', side('STRICT'), false]] as const) {
      assert.ok(outcomeOf(w, s, h).explanation.length > 10);
    }
  });
});

describe('§C1 §A11 serverSide', () => {
  test('§A11 no sidecar enforces nothing; unknown stays unknown; a sidecar carries its mode', () => {
    assert.deepEqual(serverSide('no', 'STRICT'), { sidecar: 'none' });
    assert.deepEqual(serverSide('unknown', 'STRICT'), { sidecar: 'unknown' });
    assert.deepEqual(serverSide('yes', 'DISABLE'), { sidecar: 'yes', mode: 'DISABLE' });
  });
});
