import type { BundleReport, CertificateReport } from '../analysis/certificateBundle';

/** A certificate shown in the tree, findable by node id (to open, copy or compare it). */
export interface RegisteredCertificate {
  readonly id: string;
  /** The kubeconfig context it was read from. */
  readonly context: string;
  /** "shop/cart-1 · default 1/2", for pickers and document headers. */
  readonly where: string;
  readonly report: CertificateReport;
  readonly bundle: BundleReport;
  readonly index: number;
}

export class CertificateRegistry {
  private readonly entries = new Map<string, RegisteredCertificate>();

  add(entry: RegisteredCertificate): void {
    this.entries.set(entry.id, entry);
  }

  get(id: string): RegisteredCertificate | undefined {
    return this.entries.get(id);
  }

  all(): RegisteredCertificate[] {
    return [...this.entries.values()];
  }

  clear(): void {
    this.entries.clear();
  }

  /** Forgets the certificates under a node id (its subtree is being read again). */
  forget(prefix: string): void {
    for (const id of this.entries.keys()) if (id === prefix || id.startsWith(`${prefix}/`)) this.entries.delete(id);
  }
}
