import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundedValue, nameText, quoteValue, secretKindOf, SHOWN_CHARACTERS } from '../../../server/src/rules/quoteValue';
import { newKeyPair, privateKeyPem } from '../../support/pki';

const key = privateKeyPem(newKeyPair('ec'));
const keyBody = key.split('\n').filter((l) => l && !l.startsWith('-----')).join('\n');

test('a short string is quoted as written', () => {
  assert.equal(quoteValue('STRICTT'), '"STRICTT"');
  assert.equal(quoteValue(''), '""');
  assert.equal(nameText('reviews'), 'reviews');
});

test('a long string is cut at about 60 characters, with an ellipsis and its full length', () => {
  const long = 'x'.repeat(20_000);
  assert.equal(quoteValue(long), `"${'x'.repeat(SHOWN_CHARACTERS)}…" (20000 characters)`);
  assert.equal(nameText('a'.repeat(300)), `${'a'.repeat(253)}… (300 characters)`);
  // A surrogate pair is not split at the cut.
  const emoji = `${'y'.repeat(SHOWN_CHARACTERS - 1)}😀tail`;
  assert.equal(quoteValue(emoji), `"${'y'.repeat(SHOWN_CHARACTERS - 1)}…" (${emoji.length} characters)`);
});

test('line breaks, control characters and bidi overrides are shown escaped', () => {
  assert.equal(quoteValue('a\nb\r\tc\u0000d\u202ee'), '"a\\nb\\r\\tc\\u0000d\\u202ee"');
});

test('private key material, PEM blocks and long base64 runs are described, never shown', () => {
  for (const value of [key, `spiffe://${key}`, keyBody, keyBody.replace(/\n/g, ''), Buffer.from(key).toString('base64'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----']) {
    const shown = quoteValue(value);
    assert.match(shown, /^a value holding (private key material|a PEM block|base64-encoded data) \(\d+ characters, not shown\)$/, shown);
    assert.ok(!shown.includes(keyBody.slice(0, 16)));
    assert.equal(nameText(value), shown);
  }
  assert.equal(secretKindOf(key), 'private key material');
  assert.equal(secretKindOf(Buffer.from(key).toString('base64')), 'base64-encoded data');
  // Names, hosts and principals are not mistaken for encoded data.
  for (const ordinary of ['cluster.local/ns/production-payments/sa/payments-processor-service-account', 'reviews.shop.svc.cluster.local', 'spiffe://cluster.local/ns/shop/sa/web', 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef']) {
    assert.equal(secretKindOf(ordinary), undefined, ordinary);
  }
});

test('values that are not strings are described by type and size', () => {
  assert.equal(quoteValue(Array(20_000).fill('xyz')), 'a list of 20000 items');
  assert.equal(quoteValue(['STRICT']), 'a list of 1 item');
  assert.equal(quoteValue([]), 'an empty list');
  assert.equal(quoteValue({ a: 1, b: 2, c: 3 }), 'a map with 3 keys');
  assert.equal(quoteValue({}), 'an empty map');
  assert.equal(quoteValue(1), '1');
  assert.equal(quoteValue(true), 'true');
  assert.equal(quoteValue(null), 'null');
  assert.equal(quoteValue(undefined), 'no value');
  assert.equal(quoteValue(new Uint8Array(4)), 'binary data of 4 bytes');
});

test('boundedValue wraps only the shown part', () => {
  const code = (s: string) => `\`${s}\``;
  assert.equal(boundedValue('web', code, 10), '`web`');
  assert.equal(boundedValue('abcdefghijkl', code, 10), '`abcdefghij…` (12 characters)');
  assert.equal(boundedValue(['a'], code, 10), 'a list of 1 item');
});
