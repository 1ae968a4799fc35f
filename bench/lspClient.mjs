// A minimal LSP client over a child process's stdio, for the benchmarks.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

export function startServer(command, args, { cwd } = {}) {
  const child = spawn(command, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.on('data', () => undefined);
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.listen();
  return { child, connection };
}

/** Resident set size of a process, in MB (Linux). */
export async function rssMb(pid) {
  const { readFileSync } = await import('node:fs');
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

export async function stopServer({ child, connection }) {
  try {
    await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
    connection.sendNotification('exit');
  } catch {
    // the server may already be gone
  }
  setTimeout(() => child.kill('SIGKILL'), 1000).unref();
  connection.dispose();
}
