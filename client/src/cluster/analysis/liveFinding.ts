/** How bad a live finding is; the tree shows the worst one on the node and sums them up on its parents. */
export type FindingSeverity = 'error' | 'warning' | 'info';

export type FindingCode =
  | 'expired'
  | 'expiring'
  | 'not-yet-valid'
  | 'identity-mismatch'
  | 'no-spiffe-id'
  | 'foreign-trust-domain'
  | 'chain-unverified'
  | 'root-differs-from-namespace'
  | 'root-differs-from-pods'
  | 'workload-cert-missing'
  | 'workload-cert-warming'
  | 'root-bundle-missing'
  | 'unreadable-certificate'
  | 'issuer-unverified';

/** Something wrong (or worth knowing) about live certificates, in the user's terms. */
export interface LiveFinding {
  readonly severity: FindingSeverity;
  readonly code: FindingCode;
  /** A few words for a node's description ("expired 2 days ago"). */
  readonly short: string;
  /** The full sentence for tooltips and documents: what is wrong and what it does to traffic. */
  readonly message: string;
}

const RANK: Record<FindingSeverity, number> = { error: 3, warning: 2, info: 1 };

/** The worst severity among findings; undefined when there are none. */
export function worstSeverity(findings: readonly LiveFinding[]): FindingSeverity | undefined {
  let worst: FindingSeverity | undefined;
  for (const f of findings) if (!worst || RANK[f.severity] > RANK[worst]) worst = f.severity;
  return worst;
}

/** Findings sorted worst first (stable). */
export function byWorstFirst(findings: readonly LiveFinding[]): LiveFinding[] {
  return [...findings].sort((a, b) => RANK[b.severity] - RANK[a.severity]);
}
