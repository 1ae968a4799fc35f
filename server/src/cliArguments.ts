/** The command line of `istio-mtls-doctor` (rules.md "The `check` command"). Pure: argv in, options out. */

export const OUTPUT_FORMATS = ['text', 'json', 'sarif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const FAIL_ON_LEVELS = ['error', 'warning', 'info'] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];

export interface CheckArguments {
  readonly command: 'check';
  readonly paths: readonly string[];
  readonly format: OutputFormat;
  /** `--now`; undefined means the current time. */
  readonly now?: Date;
  readonly rootNamespace?: string;
  readonly includeHints: boolean;
  readonly failOn: FailOn;
}

export type CliArguments = CheckArguments | { readonly command: 'help' } | { readonly command: 'version' };

/** A bad command line: the CLI prints the message on one line and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `Usage: istio-mtls-doctor check [options] PATH...

Finds Istio mutual-TLS mistakes in Kubernetes and Istio YAML. PATHs are files or
folders; folders are walked for *.yaml, *.yml, *.pem and *.crt.

Options:
  --format text|json|sarif        output format (default text)
  --now ISO-8601                  the clock used by certificate rules (default: now)
  --root-namespace NS             Istio root namespace when the files hold no mesh config
                                  (default istio-system)
  --include-hints                 also report hints
  --fail-on error|warning|info    exit 1 when a finding reaches this severity (default error)
  -h, --help                      show this help
  --version                       show the version

Exit status: 0 nothing reaches --fail-on, 1 something does, 2 usage or I/O error.
`;

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** An ISO-8601 date or date-time; a time without zone is UTC. Undefined when invalid. */
export function parseIsoDate(text: string): Date | undefined {
  const m = ISO_8601.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  // The day must exist in that month (Date would roll 02-30 over to March).
  const daysInMonth = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  if (day > daysInMonth) return undefined;
  const normalisedZone = zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${normalisedZone}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw new UsageError(`${option} must be one of ${allowed.join(', ')} (got '${value}')`);
  return found;
}

const VALUE_OPTIONS = new Set(['--format', '--now', '--root-namespace', '--fail-on']);
const FLAG_OPTIONS = new Set(['--include-hints', '--help', '-h', '--version']);

/** Parses `argv` without the node and script entries. Throws UsageError. */
export function parseArguments(argv: readonly string[]): CliArguments {
  const args = [...argv];
  if (args.length === 0) throw new UsageError('no command given: use istio-mtls-doctor check [options] PATH...');
  const first = args[0];
  if (first === '--help' || first === '-h' || first === 'help') return { command: 'help' };
  if (first === '--version' || first === '-v') return { command: 'version' };
  if (first !== 'check') {
    throw new UsageError(first.startsWith('-') ? `unknown option ${first}: the command comes first, istio-mtls-doctor check [options] PATH...` : `unknown command '${first}' (the only command is 'check')`);
  }
  const paths: string[] = [];
  let format: OutputFormat = 'text';
  let now: Date | undefined;
  let rootNamespace: string | undefined;
  let includeHints = false;
  let failOn: FailOn = 'error';
  let optionsEnded = false;
  for (let i = 1; i < args.length; i++) {
    const arg = args[i];
    if (optionsEnded || !arg.startsWith('-') || arg === '-') {
      paths.push(arg);
      continue;
    }
    if (arg === '--') {
      optionsEnded = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    let inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    if (FLAG_OPTIONS.has(name)) {
      if (inline !== undefined) throw new UsageError(`${name} takes no value`);
      if (name === '--help' || name === '-h') return { command: 'help' };
      if (name === '--version') return { command: 'version' };
      includeHints = true;
      continue;
    }
    if (!VALUE_OPTIONS.has(name)) throw new UsageError(`unknown option ${name}`);
    if (inline === undefined) {
      const next = args[i + 1];
      if (next === undefined) throw new UsageError(`${name} needs a value`);
      inline = next;
      i++;
    }
    const value = inline;
    switch (name) {
      case '--format':
        format = oneOf(name, value, OUTPUT_FORMATS);
        break;
      case '--fail-on':
        failOn = oneOf(name, value, FAIL_ON_LEVELS);
        break;
      case '--now': {
        const date = parseIsoDate(value);
        if (!date) throw new UsageError(`--now must be an ISO-8601 date or date-time such as 2026-11-22T00:00:00Z (got '${value}')`);
        now = date;
        break;
      }
      case '--root-namespace':
        if (!DNS_LABEL.test(value) || value.length > 63) throw new UsageError(`--root-namespace must be a namespace name (got '${value}')`);
        rootNamespace = value;
        break;
    }
  }
  if (paths.length === 0) throw new UsageError('check needs at least one PATH: use istio-mtls-doctor check [options] PATH...');
  return {
    command: 'check',
    paths,
    format,
    includeHints,
    failOn,
    ...(now ? { now } : {}),
    ...(rootNamespace ? { rootNamespace } : {}),
  };
}
