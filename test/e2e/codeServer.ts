// Starts code-server (installed by installCodeServer.mjs) on a loopback port with a fresh profile,
// with the extension's .vsix installed, and stops it again.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CodeServer {
  readonly url: string;
  readonly workspace: string;
  /** The extensions folder of this run (the installed extension lives below it). */
  readonly extensions: string;
  readonly log: () => string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}):\n${log()}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer on ${url} within ${timeoutMs} ms:\n${log()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Settings that keep the workbench quiet and deterministic for screenshots. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'editor.minimap.enabled': false,
  'editor.hover.delay': 200,
  'editor.codeLens': true,
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
  'files.autoSave': 'off',
  'git.enabled': false,
  'github.gitAuthentication': false,
};

/** Installs the .vsix into a fresh extensions folder, then serves a copy of `fixture` on loopback. */
export async function startCodeServer(opts: { codeServerDir: string; vsix: string; fixture: string }): Promise<CodeServer> {
  const base = mkdtempSync(join(tmpdir(), 'mtls-e2e-'));
  const extensions = join(base, 'extensions');
  const userData = join(base, 'user-data');
  const workspace = join(base, 'workspace');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  cpSync(opts.fixture, workspace, { recursive: true });
  const entry = join(opts.codeServerDir, 'out', 'node', 'entry.js');
  const install = spawnSync(process.execPath, [entry, '--extensions-dir', extensions, '--user-data-dir', userData, '--install-extension', opts.vsix], { encoding: 'utf8', timeout: 120_000 });
  if (install.status !== 0) throw new Error(`installing ${opts.vsix} into code-server failed:\n${install.stdout}\n${install.stderr}`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(
    process.execPath,
    [entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', userData, '--extensions-dir', extensions, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', workspace],
    { cwd: opts.codeServerDir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SERVICE_URL: '', ITEM_URL: '' } },
  );
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const log = () => output;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(base, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, child, log, 60_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, workspace, extensions, log, stop };
}
