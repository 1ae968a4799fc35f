// Installs the Debian packages the editor tests drive, when they are missing:
// Neovim (a real LSP client for test/lsp/neovim.test.ts).
import { spawnSync } from 'node:child_process';

const needed = [{ command: 'nvim', pkg: 'neovim' }];
const missing = needed.filter((n) => spawnSync(n.command, ['--version'], { stdio: 'ignore' }).status !== 0);
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
