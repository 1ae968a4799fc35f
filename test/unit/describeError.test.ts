// describeError / describeErrorWithStack: whatever a rule set throws is described in one string,
// and describing it never throws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeError, describeErrorWithStack } from '../../server/src/describeError';

const messageGetterThrows = () => Object.defineProperty(new Error(), 'message', { get() { throw new Error('getter'); } });
const hostileProxy = new Proxy({}, { get() { throw new Error('trap'); }, getPrototypeOf() { throw new Error('trap'); } });

test('describeError: Errors give their message (and a non-default name), other values say they are not Errors', () => {
  assert.equal(describeError(new Error('boom')), 'boom');
  assert.equal(describeError(new TypeError('x is undefined')), 'TypeError: x is undefined');
  assert.equal(describeError('plain string'), 'plain string');
  assert.equal(describeError(undefined), 'undefined (not an Error)');
  assert.equal(describeError(null), 'null (not an Error)');
  assert.equal(describeError(42), '42 (not an Error)');
  assert.equal(describeError(Symbol('odd')), 'Symbol(odd) (not an Error)');
  assert.equal(describeError({ code: 7 }), '{"code":7} (not an Error)');
});

test('describeError never throws: an object without a prototype, an Error whose message getter throws, a hostile Proxy', () => {
  assert.equal(describeError(Object.create(null)), '{} (not an Error)');
  assert.equal(describeError(messageGetterThrows()), 'Error (its message cannot be read)');
  assert.equal(typeof describeError(hostileProxy), 'string');
});

test('describeErrorWithStack: the stack when it can be read, the description otherwise', () => {
  const e = new Error('with stack');
  assert.match(describeErrorWithStack(e), /^Error: with stack\n\s+at /);
  assert.equal(describeErrorWithStack(messageGetterThrows()), 'Error (its message cannot be read)');
  assert.equal(describeErrorWithStack(Object.create(null)), '{} (not an Error)');
  assert.equal(describeErrorWithStack('s'), 's');
});
