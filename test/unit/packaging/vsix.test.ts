// `npm run package` ships only the two bundles, the grammars, the icons, README, CHANGELOG, LICENSE
// and package.json (.vscodeignore), and stays under 3 MB. Packages into a temporary folder.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../cli/helpers';
import { zipEntries } from './zipListing';

const root = repoRoot();
const bundles = ['client/out/extension.js', 'server/out/server.js'];
const built = bundles.every((b) => existsSync(join(root, b)));

describe('the .vsix', { skip: built ? false : 'the bundles are not built (npm run build)' }, () => {
  test('holds only the bundles, grammars, icons and the documents, and is under 3 MB', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mtls-vsix-'));
    try {
      const out = join(dir, 'extension.vsix');
      const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
      const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], { cwd: root, encoding: 'utf8', timeout: 120_000 });
      assert.equal(r.status, 0, `vsce package failed:\n${r.stdout}\n${r.stderr}`);
      const names = zipEntries(out).map((e) => e.name).sort();
      const files = names.filter((n) => n.startsWith('extension/')).map((n) => n.slice('extension/'.length));
      console.log(`vsix ${(statSync(out).size / 1024).toFixed(0)} KB:\n${names.map((n) => `  ${n}`).join('\n')}`);
      const allowed = [/^package\.json$/, /^readme\.md$/i, /^changelog\.md$/i, /^LICENSE(\.txt)?$/, /^client\/out\/extension\.js$/, /^server\/out\/server\.js$/, /^syntaxes\/[\w.-]+\.json$/, /^images\/[\w.-]+\.(png|svg)$/];
      const unexpected = files.filter((f) => !allowed.some((a) => a.test(f)));
      assert.deepEqual(unexpected, []);
      for (const must of ['package.json', 'readme.md', 'changelog.md', 'LICENSE.txt', ...bundles, 'syntaxes/istio-mtls.injection.tmLanguage.json', 'syntaxes/pem.tmLanguage.json', 'images/icon.png']) {
        assert.ok(files.includes(must), `${must} is in the package`);
      }
      assert.ok(!files.some((f) => f.endsWith('.map')), 'no source maps');
      assert.ok(names.every((n) => n.startsWith('extension/') || n === '[Content_Types].xml' || n === 'extension.vsixmanifest'));
      assert.ok(statSync(out).size < 3 * 1024 * 1024, `${statSync(out).size} bytes`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
