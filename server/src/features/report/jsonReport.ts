import type { ResourceIdentity } from '../../rules/finding';
import type { Range } from '../../workspace/parsedFile';
import { compareFindings, type PresentedFinding } from '../presentedFinding';

/** The documented `--format json` shape (rules.md "The `check` command"). */
export interface JsonReport {
  readonly version: 1;
  readonly findings: readonly JsonFinding[];
}

export interface JsonFinding {
  readonly rule: string;
  readonly severity: string;
  readonly message: string;
  readonly file: string;
  readonly range: Range;
  readonly resource: ResourceIdentity;
  readonly related: readonly JsonRelated[];
}

export interface JsonRelated {
  readonly file: string;
  readonly range: Range;
  readonly resource: ResourceIdentity;
  readonly message: string;
}

const range = (r: Range): Range => ({
  start: { line: r.start.line, character: r.start.character },
  end: { line: r.end.line, character: r.end.character },
});

const resource = (r: ResourceIdentity): ResourceIdentity => ({ kind: r.kind, namespace: r.namespace, name: r.name });

/** Exactly the documented fields, in the documented order, nothing else. */
export function jsonReport(findings: readonly PresentedFinding[]): JsonReport {
  return {
    version: 1,
    findings: [...findings].sort(compareFindings).map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      file: f.file,
      range: range(f.range),
      resource: resource(f.resource),
      related: f.related.map((r) => ({ file: r.file, range: range(r.range), resource: resource(r.resource), message: r.message })),
    })),
  };
}

/** One JSON object, pretty-printed, with a final newline. */
export function formatJsonReport(findings: readonly PresentedFinding[]): string {
  return JSON.stringify(jsonReport(findings), null, 2) + '\n';
}
