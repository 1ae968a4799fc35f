import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dump, scopesOf, tokenize } from './tokenizer';
import { issue, newKeyPair } from '../../support/pki';

const last = (scopes: readonly string[] | undefined) => scopes?.[scopes.length - 1];

describe('pem grammar', () => {
  test('a real certificate: BEGIN/END lines, the label and base64 body', async () => {
    const pem = Object.values(generatePkiPems())[0];
    const lines = await tokenize('source.pem', pem);
    assert.equal(last(scopesOf(lines, 'BEGIN')), 'keyword.control.begin.pem', dump(lines));
    assert.equal(last(scopesOf(lines, 'END')), 'keyword.control.end.pem');
    assert.equal(last(scopesOf(lines, 'CERTIFICATE')), 'entity.name.type.label.pem');
    const body = lines[1][0];
    assert.ok(body.scopes.includes('string.unquoted.base64.pem'), dump([lines[1]]));
    assert.ok(body.scopes.includes('meta.block.pem'));
  });

  test('decoded fields, comments, SPIFFE IDs, dates, fingerprints and findings around the blocks', async () => {
    const text = [
      '# istio-proxy certificate of shop/web-7d9 (read-only)',
      'Subject: O=cluster.local',
      'SPIFFE ID: spiffe://cluster.local/ns/shop/sa/web',
      'Not after: 2026-12-01T10:00:00Z (expired)',
      'SHA-256: AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89',
      'Chain: verifies to ROOTCA',
      '-----BEGIN CERTIFICATE-----',
      'MIIBszCCAVmgAwIBAgIUJ0',
      'not base64 at all!',
      '-----END CERTIFICATE-----',
      'Key size: 256',
    ].join('\n');
    const lines = await tokenize('source.pem', text);
    assert.ok(lines[0][0].scopes.some((s) => s.startsWith('comment.line')), dump([lines[0]]));
    assert.equal(last(scopesOf(lines, 'Subject')), 'variable.other.field.pem', dump(lines));
    assert.equal(last(scopesOf(lines, 'spiffe://cluster.local/ns/shop/sa/web')), 'string.other.spiffe-id.pem', dump(lines));
    assert.equal(last(scopesOf(lines, '2026-12-01T10:00:00Z')), 'constant.other.date.pem', dump(lines));
    assert.equal(last(scopesOf(lines, 'expired')), 'invalid.illegal.finding.pem', dump(lines));
    assert.equal(last(scopesOf(lines, 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89')), 'constant.numeric.fingerprint.pem', dump(lines));
    assert.equal(last(scopesOf(lines, 'verifies')), 'markup.inserted.finding.pem', dump(lines));
    assert.equal(last(scopesOf(lines, 'not base64 at all!')), 'invalid.illegal.not-base64.pem', dump(lines));
    assert.equal(last(scopesOf(lines, 'Key size')), 'variable.other.field.pem', 'fields after a block are fields again');
    assert.equal(last(scopesOf(lines, '256')), 'constant.numeric.pem');
  });

  test('a private key block stands out as illegal (the extension never shows key material)', async () => {
    const text = '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIB\n-----END EC PRIVATE KEY-----\nIssuer: x\n';
    const lines = await tokenize('source.pem', text);
    for (const l of lines.slice(0, 3)) assert.ok(l.every((t) => t.scopes.some((s) => s.startsWith('invalid.illegal.private-key'))), dump([l]));
    assert.equal(last(scopesOf(lines, 'Issuer')), 'variable.other.field.pem');
  });
});

function generatePkiPems(): Record<string, string> {
  const root = issue({ subject: { O: 'cluster.local' }, key: newKeyPair('ec'), notBefore: new Date('2026-01-01'), notAfter: new Date('2036-01-01'), ca: true, keyUsage: ['keyCertSign', 'cRLSign'] });
  return { root: root.pem };
}
