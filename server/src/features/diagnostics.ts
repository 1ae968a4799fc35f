import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { PresentedFinding } from './presentedFinding';
import type { Severity } from '../rules/finding';

export const DIAGNOSTIC_SOURCE = 'istio-mtls-doctor';

/** Rules whose finding marks a policy that Istio ignores: shown faded (DiagnosticTag.Unnecessary). */
const IGNORED_POLICY_RULES = new Set(['duplicate-scope-policy', 'duplicate-workload-policy', 'root-selector-ignored', 'duplicate-resource', 'duplicate-destination-rule-host']);
const DEPRECATED_RULES = new Set(['removed-authentication-api']);

const SEVERITY: Record<Severity, 1 | 2 | 3 | 4> = { error: 1, warning: 2, info: 3, hint: 4 };

/** A located finding as an LSP diagnostic: code = rule id, linked to its README section. */
export function toDiagnostic(f: PresentedFinding, uriOf: (path: string) => string, docsBase: string): Diagnostic {
  const related: DiagnosticRelatedInformation[] = f.related.map((r) => ({ location: { uri: uriOf(r.file), range: r.range }, message: r.message }));
  const tags: Array<1 | 2> = [];
  if (IGNORED_POLICY_RULES.has(f.rule)) tags.push(1);
  if (DEPRECATED_RULES.has(f.rule)) tags.push(2);
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.rule,
    codeDescription: { href: `${docsBase}#${f.rule}` },
    source: DIAGNOSTIC_SOURCE,
    message: f.message,
    ...(tags.length ? { tags } : {}),
    ...(related.length ? { relatedInformation: related } : {}),
  };
}
