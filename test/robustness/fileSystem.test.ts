// Issue 7 "Inputs": symbolic link loops and unreadable files in the workspace are skipped with a
// log line, and the language server keeps serving. (The CLI's reader has its own tests in
// test/unit/cli/readWorkspaceFiles.test.ts; this covers the server's workspace scan.)
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { startTestServer, type TestServer } from './support/server';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../support/fixtures';
import { docs } from '../support/workspace';

const APP = docs(namespace('shop', { 'istio-injection': 'enabled' }), deployment('shop', 'web'), deployment('shop', 'reviews'), service('shop', 'reviews'), peerAuthentication('shop', 'default', 'STRICT'));
const DR = destinationRule('shop', 'reviews', 'reviews', '  trafficPolicy:\n    tls:\n      mode: DISABLE\n');
const POSIX = process.platform !== 'win32';
const ROOT = process.getuid?.() === 0;

type Promises = typeof fs.promises;

/** Makes the real `fs.promises` fail for paths matching `match` (as permissions would), until restored. */
function denyAccess(match: (path: string) => boolean, calls: ReadonlyArray<'readFile' | 'readdir' | 'stat'>): () => void {
  const p = fs.promises as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const saved = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  for (const name of calls) {
    const original = p[name];
    saved.set(name, original);
    p[name] = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && match(args[0])) {
        const e = Object.assign(new Error(`EACCES: permission denied, ${name} '${args[0]}'`), { code: 'EACCES', errno: -13, syscall: name, path: args[0] });
        return Promise.reject(e);
      }
      return original.apply(fs.promises as Promises, args);
    };
  }
  return () => {
    for (const [name, f] of saved) p[name] = f;
  };
}

describe('the language server scan: links and unreadable files', () => {
  const servers: TestServer[] = [];
  after(async () => {
    for (const s of servers) await s.dispose();
  });
  const about = (s: TestServer, needle: string) => s.logs.filter((l) => l.message.includes(needle));

  test('a symbolic link loop ends, each file is read once, the loop is named in one log line, the server serves', { skip: !POSIX, timeout: 30_000 }, async () => {
    const server = await startTestServer({ 'a/app.yaml': APP, 'a/b/dr.yaml': DR }, {
      prepare: (root) => {
        fs.symlinkSync('..', join(root, 'a', 'b', 'up')); // a/b/up -> a: a loop
        fs.symlinkSync(join(root, 'a'), join(root, 'a', 'self')); // a/self -> a
      },
    });
    servers.push(server);
    await server.waitFor(() => server.rules('a/b/dr.yaml').includes('plaintext-to-strict'), 'the finding behind the loop');
    assert.deepEqual([...server.diagnostics.keys()].filter((u) => /\/(up|self)\//.test(u)), [], 'nothing is reported twice through the links');
    assert.equal(server.session.store.paths().filter((p) => p.endsWith('dr.yaml')).length, 1, server.session.store.paths().join(', '));
    assert.ok(about(server, 'up').length + about(server, 'self').length >= 1, `a log line names the link that loops: ${JSON.stringify(server.logs)}`);
    const hover = await server.hover('a/b/dr.yaml', { line: 9, character: 12 });
    assert.ok(hover, 'the server answers requests');
  });

  test('a dangling symbolic link to a YAML file is skipped with a log line', { skip: !POSIX, timeout: 30_000 }, async () => {
    const server = await startTestServer({ 'app.yaml': APP, 'dr.yaml': DR }, {
      prepare: (root) => fs.symlinkSync(join(root, 'missing.yaml'), join(root, 'dangling.yaml')),
    });
    servers.push(server);
    await server.waitFor(() => server.rules('dr.yaml').includes('plaintext-to-strict'), 'the ordinary finding');
    assert.equal(about(server, 'dangling.yaml').length, 1, `one log line about dangling.yaml: ${JSON.stringify(server.logs)}`);
  });

  test('an unreadable file and an unreadable folder: skipped with one log line each, the rest analysed, the server serves', { timeout: 30_000 }, async () => {
    const restore = denyAccess((p) => p.endsWith('locked.yaml') || /[\\/]private$/.test(p), ['readFile', 'readdir']);
    try {
      const server = await startTestServer({ 'app.yaml': APP, 'dr.yaml': DR, 'locked.yaml': DR.replace('name: reviews', 'name: locked'), 'private/hidden.yaml': DR.replace('name: reviews', 'name: hidden') });
      servers.push(server);
      await server.waitFor(() => server.rules('dr.yaml').includes('plaintext-to-strict'), 'the readable file');
      assert.deepEqual(server.rules('locked.yaml'), []);
      assert.deepEqual(server.rules('private/hidden.yaml'), []);
      assert.equal(about(server, 'locked.yaml').length, 1, JSON.stringify(server.logs));
      assert.equal(about(server, 'private').length, 1, JSON.stringify(server.logs));
      assert.match(about(server, 'locked.yaml')[0].message, /permission denied|EACCES/);
      assert.ok(await server.hover('dr.yaml', { line: 9, character: 12 }), 'the server answers requests');
    } finally {
      restore();
    }
  });

  test('real permissions: a file without read permission is skipped with a log line (not as root)', { skip: !POSIX || ROOT ? 'needs a non-root POSIX user' : false, timeout: 30_000 }, async () => {
    const server = await startTestServer({ 'app.yaml': APP, 'dr.yaml': DR, 'locked.yaml': DR.replace('name: reviews', 'name: locked') }, {
      prepare: (root) => fs.chmodSync(join(root, 'locked.yaml'), 0),
    });
    servers.push(server);
    await server.waitFor(() => server.rules('dr.yaml').includes('plaintext-to-strict'), 'the readable file');
    assert.equal(about(server, 'locked.yaml').length, 1, JSON.stringify(server.logs));
  });

  test('a watched-file event for a file that became unreadable drops it quietly and keeps serving', { timeout: 30_000 }, async () => {
    const server = await startTestServer({ 'app.yaml': APP, 'dr.yaml': DR });
    servers.push(server);
    await server.waitFor(() => server.rules('dr.yaml').includes('plaintext-to-strict'), 'the finding');
    const restore = denyAccess((p) => p.endsWith('dr.yaml'), ['readFile']);
    try {
      server.write('dr.yaml', DR + '# changed\n');
      await server.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: server.uri('dr.yaml'), type: 2 }] });
      await server.waitFor(() => server.rules('dr.yaml').length === 0, 'the unreadable file to be dropped');
      assert.ok(await server.symbols('app.yaml'), 'the server answers requests');
    } finally {
      restore();
    }
  });
});
