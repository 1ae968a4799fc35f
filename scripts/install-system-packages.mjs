// Installs the Debian packages the editor tests drive, when they are missing:
// Neovim (a real LSP client for test/lsp/neovim.test.ts); Chromium and ripgrep, and the headers
// code-server's native modules build against (test/e2e: code-server driven by playwright-core).
import { spawnSync } from 'node:child_process';

const hasCommand = (command) => () => spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
const hasPackage = (pkg) => () => spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout?.includes('install ok installed') ?? false;

const needed = [
  { pkg: 'neovim', present: hasCommand('nvim') },
  { pkg: 'chromium', present: hasCommand('chromium') },
  { pkg: 'ripgrep', present: hasCommand('rg') },
  // code-server's native modules are rebuilt for this Node (node-gyp: a compiler, make, python3, headers).
  { pkg: 'g++', present: hasCommand('g++') },
  { pkg: 'make', present: hasCommand('make') },
  { pkg: 'python3', present: hasCommand('python3') },
  { pkg: 'libkrb5-dev', present: hasPackage('libkrb5-dev') },
  { pkg: 'libx11-dev', present: hasPackage('libx11-dev') },
  { pkg: 'libxkbfile-dev', present: hasPackage('libxkbfile-dev') },
  { pkg: 'libsecret-1-dev', present: hasPackage('libsecret-1-dev') },
];
const missing = needed.filter((n) => !n.present());
if (missing.length === 0) {
  console.log(`system packages present: ${needed.map((n) => n.pkg).join(', ')}`);
  process.exit(0);
}
const pkgs = missing.map((m) => m.pkg);
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const apt = (args) => spawnSync(asRoot ? 'apt-get' : 'sudo', asRoot ? args : ['apt-get', ...args], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
console.log(`installing Debian packages: ${pkgs.join(', ')}`);
if (apt(['update', '-qq']).status !== 0 || apt(['install', '-y', '-qq', ...pkgs]).status !== 0) {
  console.error(`could not install ${pkgs.join(', ')}; install them by hand (apt-get install ${pkgs.join(' ')})`);
  process.exit(1);
}
