// The built CLI bundle run as a child process on a temporary folder (`npm run build` first).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The repository root: the folder above the test bundle holding this project's package.json. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'istio-mtls-doctor') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
}

export const CLI_BUNDLE = join(repoRoot(), 'server', 'out', 'cli.js');
export const SERVER_BUNDLE = join(repoRoot(), 'server', 'out', 'server.js');

export interface TempTree {
  readonly dir: string;
  write(path: string, content: string | Buffer): void;
  cleanup(): void;
}

export function tempTree(files: Record<string, string | Buffer> = {}, prefix = 'mtls-robust-cli-'): TempTree {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  const write = (p: string, content: string | Buffer) => {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), content);
  };
  for (const [p, c] of Object.entries(files)) write(p, c);
  return { dir, write, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  readonly signal: NodeJS.Signals | null;
}

export function runCli(cwd: string, argv: readonly string[], timeoutMs = 60_000): CliRun {
  const t = Date.now();
  const r = spawnSync(process.execPath, [CLI_BUNDLE, ...argv], { cwd, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ms: Date.now() - t, signal: r.signal };
}
