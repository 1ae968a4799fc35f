// `npm run test:electron`: the @vscode/test-electron suite in a real VS Code (downloaded by
// @vscode/test-electron into .vscode-test/). Not run in CI here: this machine cannot download VS
// Code; the run then stops with a message that says so.
import { build } from 'esbuild';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const root = new URL('../..', import.meta.url).pathname;
const out = join(root, 'test', 'electron', 'out');
await build({ entryPoints: [join(root, 'test', 'electron', 'suite', 'index.ts')], outfile: join(out, 'index.js'), bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['vscode'], logLevel: 'warning' });

let vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH;
if (!vscodeExecutablePath) {
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version: process.env.VSCODE_VERSION ?? '1.100.3', timeout: 30_000 });
  } catch (e) {
    console.error(`test:electron: VS Code could not be downloaded (${e instanceof Error ? e.message : String(e)}).`);
    console.error('This suite needs a VS Code build: run it where the VS Code download site is reachable, or set VSCODE_EXECUTABLE_PATH to an installed VS Code 1.100+.');
    process.exit(1);
  }
}
const workspace = mkdtempSync(join(tmpdir(), 'mtls-electron-'));
cpSync(join(root, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
try {
  const code = await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: root,
    extensionTestsPath: join(out, 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
  process.exit(code);
} catch (e) {
  console.error(`test:electron failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
