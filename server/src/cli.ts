// The `istio-mtls-doctor` command: wiring only (arguments, environment, exit status).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArguments, USAGE, UsageError } from './cliArguments';
import { runCheck } from './checkCommand';
import { describeError } from './describeError';
import { WorkspacePathError } from './workspace/readWorkspaceFiles';

const NAME = 'istio-mtls-doctor';

interface PackageInfo {
  readonly version: string;
  readonly homepage?: string;
}

/** The bundle lives in server/out/; package.json two folders up. */
function packageInfo(): PackageInfo {
  try {
    const pkg: unknown = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    const p = (pkg ?? {}) as { version?: unknown; homepage?: unknown; repository?: unknown };
    const repo = typeof p.repository === 'string' ? p.repository : (p.repository as { url?: unknown } | undefined)?.url;
    const fromRepo = typeof repo === 'string' && /^(git\+)?https:\/\//.test(repo) ? repo.replace(/^git\+/, '').replace(/\.git$/, '') : undefined;
    const homepage = typeof p.homepage === 'string' ? p.homepage : fromRepo;
    return { version: typeof p.version === 'string' ? p.version : '0.0.0', ...(homepage ? { homepage } : {}) };
  } catch {
    return { version: '0.0.0' };
  }
}

function fail(message: string): number {
  process.stderr.write(`${NAME}: ${message.split('\n')[0]}\n`);
  return 2;
}

function main(argv: readonly string[]): number {
  try {
    const args = parseArguments(argv);
    if (args.command === 'help') {
      process.stdout.write(USAGE);
      return 0;
    }
    const pkg = packageInfo();
    if (args.command === 'version') {
      process.stdout.write(`${pkg.version}\n`);
      return 0;
    }
    const outcome = runCheck(args, {
      cwd: process.cwd(),
      warn: (line) => process.stderr.write(`${NAME}: ${line}\n`),
      colour: process.stdout.isTTY === true && !process.env.NO_COLOR,
      toolVersion: pkg.version,
      ...(pkg.homepage ? { homepage: pkg.homepage } : {}),
    });
    process.stdout.write(outcome.output);
    return outcome.exitCode;
  } catch (e) {
    if (e instanceof UsageError) return fail(`${e.message} (see --help)`);
    if (e instanceof WorkspacePathError) return fail(e.message);
    return fail(`internal error: ${describeError(e)}`);
  }
}

// A closed pipe (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.exit(fail(`cannot write the report: ${describeError(e)}`));
});
process.exitCode = main(process.argv.slice(2));
