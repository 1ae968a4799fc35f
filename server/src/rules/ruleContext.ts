import type { MeshModel } from '../model/meshModel';
import type { MeshSemantics } from '../semantics/meshSemantics';
import type { CertificateFile } from '../model/kinds/certificateFile';
import type { Finding } from './finding';

export interface AnalysisSettings {
  /** The clock of the certificate rules (`--now`). */
  readonly now: Date;
  /** certificate-expiring fires when notAfter is within this many days. */
  readonly certificateExpiryWarningDays: number;
}

export const DEFAULT_CERTIFICATE_EXPIRY_WARNING_DAYS = 30;

/** Everything a rule may read. Rules are pure: findings out, nothing else. */
export interface RuleContext {
  readonly model: MeshModel;
  readonly sem: MeshSemantics;
  readonly certificateFiles: readonly CertificateFile[];
  readonly settings: AnalysisSettings;
}

/**
 * Evidence for a finding that several namespaces contribute to (a DestinationRule in force for
 * clients everywhere, the mesh-wide policy judged against every namespace's workloads): the
 * rule set's `reduce` turns all the evidence of one group into findings.
 */
export interface Evidence {
  readonly rule: string;
  /** Evidence with the same group is reduced together (typically: rule + anchor). */
  readonly group: string;
  readonly data: unknown;
}

export type RuleOutput = Finding | Evidence;

export function isEvidence(o: RuleOutput): o is Evidence {
  return 'group' in o;
}

/**
 * One file of rules/: several related rule ids computed together, one namespace at a time, so
 * that an edit re-runs the rules only for the namespaces whose inputs it changed.
 */
export interface RuleSet {
  /** For fault isolation and logs. */
  readonly name: string;
  /** The rule ids this set may report. */
  readonly ids: readonly string[];
  /** Findings, or evidence for findings, from the objects of one namespace. */
  map(ctx: RuleContext, namespace: string): RuleOutput[];
  /** Turns the evidence of one group (from any namespaces) into findings. */
  reduce?(evidence: readonly Evidence[], ctx: RuleContext): Finding[];
  /** Findings that belong to no namespace (certificate files). */
  files?(ctx: RuleContext): Finding[];
}
