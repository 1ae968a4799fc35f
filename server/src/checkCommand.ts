import { pathToFileURL } from 'node:url';
import type { CheckArguments } from './cliArguments';
import { presentFinding } from './features/presenter';
import { compareFindings, type PresentedFinding } from './features/presentedFinding';
import { formatJsonReport } from './features/report/jsonReport';
import { formatSarifReport } from './features/report/sarifReport';
import { formatTextReport } from './features/report/textReport';
import { describeError } from './describeError';
import { anchorFile, SEVERITY_RANK, type Finding } from './rules/finding';
import { DEFAULT_CERTIFICATE_EXPIRY_WARNING_DAYS, type RuleSet } from './rules/ruleContext';
import { analyzeWorkspace } from './workspace/analyzeWorkspace';
import { readWorkspaceFiles } from './workspace/readWorkspaceFiles';

/** What `check` needs from its surroundings (the CLI passes the real ones, tests their own). */
export interface CheckEnvironment {
  readonly cwd: string;
  /** One line of diagnostics (warnings, failed rule sets); never the report itself. */
  readonly warn: (line: string) => void;
  /** ANSI colours in the text report. */
  readonly colour: boolean;
  readonly toolVersion: string;
  /** The project's home page (SARIF informationUri; README anchors for helpUri). */
  readonly homepage?: string;
  /** Replaces the catalogue's rule sets (tests). */
  readonly ruleSets?: readonly RuleSet[];
}

export interface CheckOutcome {
  /** The report, for stdout. */
  readonly output: string;
  readonly exitCode: 0 | 1;
  readonly findings: readonly PresentedFinding[];
}

function firstLine(e: unknown): string {
  return describeError(e).split('\n')[0];
}

/**
 * `check`: read the PATHs, analyse, locate, filter, sort and format.
 * Throws WorkspacePathError for a PATH that does not exist (the CLI exits 2).
 */
export function runCheck(args: CheckArguments, env: CheckEnvironment): CheckOutcome {
  const read = readWorkspaceFiles(args.paths, {
    cwd: env.cwd,
    onSkip: (note) => env.warn(`warning: skipped ${note.path}: ${note.reason}`),
  });
  const checked = read.snapshot.yamlFiles.filter((f) => !f.skipped).length + read.snapshot.certificateFiles.length;
  if (read.files.size === 0) env.warn(`warning: no YAML or certificate files found in ${args.paths.join(' ')}`);

  const failedSets = new Set<string>();
  const findings = analyzeWorkspace(read.snapshot, {
    settings: { now: args.now ?? new Date(), certificateExpiryWarningDays: DEFAULT_CERTIFICATE_EXPIRY_WARNING_DAYS },
    ...(args.rootNamespace ? { defaultRootNamespace: args.rootNamespace } : {}),
    ...(env.ruleSets ? { ruleSets: env.ruleSets } : {}),
    onRuleError: (set, error) => {
      if (failedSets.has(set.name)) return;
      failedSets.add(set.name);
      env.warn(`error: rule set '${set.name}' failed and its findings are missing: ${firstLine(error)}`);
    },
  });

  const lookup = (file: string) => read.files.get(file);
  const presented: PresentedFinding[] = [];
  // File by file, so that the syntax trees the presenter builds are reused (syntaxTreeCache.ts).
  for (const f of inFileOrder(findings)) {
    try {
      presented.push(presentFinding(f, lookup));
    } catch (e) {
      env.warn(`error: a '${f.rule}' finding could not be shown: ${firstLine(e)}`);
    }
  }
  const shown = presented.filter((f) => args.includeHints || f.severity !== 'hint').sort(compareFindings);
  const threshold = SEVERITY_RANK[args.failOn];
  const exitCode = shown.some((f) => SEVERITY_RANK[f.severity] >= threshold) ? 1 : 0;

  let output: string;
  switch (args.format) {
    case 'json':
      output = formatJsonReport(shown);
      break;
    case 'sarif': {
      const home = env.homepage?.replace(/#.*$/, '');
      output = formatSarifReport(shown, {
        toolVersion: env.toolVersion,
        ...(home ? { informationUri: home, helpBaseUri: home } : {}),
        srcRootUri: pathToFileURL(env.cwd).href.replace(/\/?$/, '/'),
      });
      break;
    }
    case 'text':
      output = formatTextReport(shown, { colour: env.colour, filesChecked: checked });
      break;
  }
  return { output, exitCode, findings: shown };
}

/** The findings grouped by the file they are anchored in (a stable sort: the order within a file stays). */
function inFileOrder(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => {
    const fa = anchorFile(a.anchor);
    const fb = anchorFile(b.anchor);
    return fa < fb ? -1 : fa > fb ? 1 : 0;
  });
}
