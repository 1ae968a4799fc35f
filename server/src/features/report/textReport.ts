import type { Severity } from '../../rules/finding';
import type { Position } from '../../workspace/parsedFile';
import { compareFindings, type PresentedFinding } from '../presentedFinding';
import { COLOUR_STYLES, PLAIN_STYLES, type Styles } from './ansi';

export interface TextReportOptions {
  /** ANSI colours (the CLI decides: stdout is a TTY and NO_COLOR is unset). */
  readonly colour?: boolean;
  /** The number of files analysed, shown in the summary when given. */
  readonly filesChecked?: number;
}

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info', 'hint'];
const SEVERITY_WIDTH = Math.max(...SEVERITY_ORDER.map((s) => s.length));

/** `line:character`, 1-based as editors and compilers show them. */
function position(p: Position): string {
  return `${p.line + 1}:${p.character + 1}`;
}

function oneLine(s: string): string {
  return s.replace(/\s*\r?\n\s*/g, ' ');
}

function colourOf(severity: Severity, st: Styles): (s: string) => string {
  switch (severity) {
    case 'error': return st.red;
    case 'warning': return st.yellow;
    case 'info': return st.blue;
    case 'hint': return st.dim;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `3 findings: 2 errors, 1 warning, 0 info` (hints only when there are some), or `No findings`. */
export function summaryLine(findings: readonly PresentedFinding[]): string {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  if (findings.length === 0) return 'No findings';
  const parts = [plural(count('error'), 'error'), plural(count('warning'), 'warning'), `${count('info')} info`];
  const hints = count('hint');
  if (hints > 0) parts.push(plural(hints, 'hint'));
  return `${plural(findings.length, 'finding')}: ${parts.join(', ')}`;
}

/**
 * The human report: findings grouped by file, one line each
 * (`  12:7  error    message  [rule-id]`), related locations indented below, then a summary.
 */
export function formatTextReport(findings: readonly PresentedFinding[], options: TextReportOptions = {}): string {
  const st = options.colour ? COLOUR_STYLES : PLAIN_STYLES;
  const sorted = [...findings].sort(compareFindings);
  const lines: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    const file = sorted[i].file;
    const group: PresentedFinding[] = [];
    while (i < sorted.length && sorted[i].file === file) group.push(sorted[i++]);
    const width = Math.max(...group.map((f) => position(f.range.start).length));
    lines.push(st.underline(file));
    for (const f of group) {
      const sev = colourOf(f.severity, st)(f.severity.padEnd(SEVERITY_WIDTH));
      lines.push(`  ${st.dim(position(f.range.start).padEnd(width))}  ${sev}  ${oneLine(f.message)}  ${st.dim(`[${f.rule}]`)}`);
      for (const r of f.related) {
        const where = r.file === f.file ? position(r.range.start) : `${r.file}:${position(r.range.start)}`;
        lines.push(`  ${' '.repeat(width)}  ${st.dim(`↳ ${where}`)}  ${oneLine(r.message)}`);
      }
    }
    lines.push('');
  }
  const errors = sorted.some((f) => f.severity === 'error');
  const files = options.filesChecked === undefined ? '' : ` (${plural(options.filesChecked, 'file')} checked)`;
  const summary = summaryLine(sorted) + files;
  lines.push(sorted.length === 0 ? st.green(summary) : errors ? st.bold(st.red(summary)) : st.bold(summary));
  return lines.join('\n') + '\n';
}
