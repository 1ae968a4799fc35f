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

/** One file of rules/: several related rule ids computed together. */
export interface RuleSet {
  /** For fault isolation and logs. */
  readonly name: string;
  /** The rule ids this set may report. */
  readonly ids: readonly string[];
  run(ctx: RuleContext): Finding[];
}
