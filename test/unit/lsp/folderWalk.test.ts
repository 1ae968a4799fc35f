// The language server's workspace walk: symbolic links out of the workspace folders are not
// followed, link loops end with each real folder visited once, dangling links to YAML files are
// skipped; each with one log line naming the link.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { isWithinFolders, walkWorkspaceFolder } from '../../../server/src/lsp/folderWalk';

const POSIX = process.platform !== 'win32';
const made: string[] = [];
after(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'mtls-walk-')));
  made.push(root);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(root, p, '..'), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}

async function walk(root: string, within: readonly string[] = [root]) {
  const logs: string[] = [];
  const files = await walkWorkspaceFolder(root, within, (l) => logs.push(l));
  return { files: files.map((f) => f.slice(root.length + 1).split(sep).join('/')), logs };
}

describe('walkWorkspaceFolder', () => {
  test('isWithinFolders: the folder and below, not a sibling sharing its prefix nor the parent', () => {
    assert.equal(isWithinFolders('/w/a', ['/w/a']), true);
    assert.equal(isWithinFolders('/w/a/b/c.yaml', ['/w/a']), true);
    assert.equal(isWithinFolders('/w/a/..b', ['/w/a']), true);
    assert.equal(isWithinFolders('/w/ab', ['/w/a']), false);
    assert.equal(isWithinFolders('/w', ['/w/a']), false);
    assert.equal(isWithinFolders('/elsewhere/x', ['/w/a', '/w/b']), false);
  });

  test('plain folders: every YAML and certificate file, sorted; node_modules and .git skipped; no log', async () => {
    const root = tree({ 'b.yaml': '', 'a/c.yml': '', 'a/ca.pem': '', 'a/readme.md': '', 'node_modules/x/d.yaml': '', '.git/e.yaml': '' });
    assert.deepEqual(await walk(root), { files: ['a/c.yml', 'a/ca.pem', 'b.yaml'], logs: [] });
  });

  test('a link to a folder outside the workspace is not followed (one log line naming it); a link to a file outside neither', { skip: !POSIX }, async () => {
    const outside = tree({ 'secret.yaml': '', 'ca.pem': '' });
    const root = tree({ 'app.yaml': '' });
    symlinkSync(outside, join(root, 'linked'));
    symlinkSync(join(outside, 'secret.yaml'), join(root, 'single.yaml'));
    const r = await walk(root);
    assert.deepEqual(r.files, ['app.yaml']);
    assert.equal(r.logs.length, 2, JSON.stringify(r.logs));
    assert.equal(r.logs.filter((l) => l.includes(join(root, 'linked')) && /outside the workspace/.test(l)).length, 1);
    assert.equal(r.logs.filter((l) => l.includes(join(root, 'single.yaml')) && /outside the workspace/.test(l)).length, 1);
  });

  test('a link to another workspace folder is followed', { skip: !POSIX }, async () => {
    const other = tree({ 'shared.yaml': '' });
    const root = tree({ 'app.yaml': '' });
    symlinkSync(other, join(root, 'linked'));
    assert.deepEqual(await walk(root, [root, other]), { files: ['app.yaml', 'linked/shared.yaml'], logs: [] });
  });

  test('link loops end: each real folder and file once, one log line per looping link', { skip: !POSIX }, async () => {
    const root = tree({ 'a/app.yaml': '', 'a/b/dr.yaml': '' });
    symlinkSync('..', join(root, 'a', 'b', 'up'));
    symlinkSync(join(root, 'a'), join(root, 'a', 'self'));
    symlinkSync('dr.yaml', join(root, 'a', 'b', 'again.yaml'));
    const r = await walk(root);
    assert.equal(r.files.filter((f) => f.endsWith('app.yaml')).length, 1, r.files.join(', '));
    assert.equal(r.files.filter((f) => f.endsWith('dr.yaml') || f.endsWith('again.yaml')).length, 1, r.files.join(', '));
    assert.equal(r.logs.filter((l) => /loop/.test(l)).length, 2, JSON.stringify(r.logs));
    assert.ok(r.logs.some((l) => l.includes(join(root, 'a', 'b', 'up'))));
    assert.ok(r.logs.some((l) => l.includes(join(root, 'a', 'self'))));
  });

  test('a dangling link to a YAML file: skipped with one log line; one to another file: skipped quietly', { skip: !POSIX }, async () => {
    const root = tree({ 'app.yaml': '' });
    symlinkSync(join(root, 'missing.yaml'), join(root, 'dangling.yaml'));
    symlinkSync(join(root, 'missing.txt'), join(root, 'dangling.txt'));
    const r = await walk(root);
    assert.deepEqual(r.files, ['app.yaml']);
    assert.equal(r.logs.length, 1, JSON.stringify(r.logs));
    assert.match(r.logs[0], /dangling\.yaml: broken symbolic link/);
  });
});
