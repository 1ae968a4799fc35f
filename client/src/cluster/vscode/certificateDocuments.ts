import * as vscode from 'vscode';
import { certificateDocument } from '../detail/certificateDocument';
import type { CertificateRegistry, RegisteredCertificate } from '../tree/certificateRegistry';

export const CERTIFICATE_SCHEME = 'istio-mtls-cert';

/** A readable, unique URI per certificate node: the tab shows `<pod> · default 1/2.pem`. */
export function certificateUri(entry: RegisteredCertificate): vscode.Uri {
  const name = entry.where.replace(/[\\/:?#%]+/g, '_');
  return vscode.Uri.from({ scheme: CERTIFICATE_SCHEME, path: `/${entry.context.replace(/[\\/:?#%]+/g, '_')}/${name}.pem`, query: new URLSearchParams({ id: entry.id }).toString() });
}

/** Read-only virtual documents of certificates (decoded fields + PEM), built from what the tree holds. */
export class CertificateDocuments implements vscode.TextDocumentContentProvider {
  constructor(
    private readonly registry: () => CertificateRegistry | undefined,
    private readonly now: () => Date,
  ) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    const id = new URLSearchParams(uri.query).get('id') ?? '';
    const entry = this.registry()?.get(id);
    if (!entry) return 'This certificate is no longer loaded: refresh the cluster view and open it again.\n';
    return certificateDocument(entry, this.now());
  }
}

/** Opens a certificate document in the `pem` language (contributed by the extension), read-only. */
export async function showCertificate(entry: RegisteredCertificate, options: vscode.TextDocumentShowOptions = { preview: true }): Promise<void> {
  let doc = await vscode.workspace.openTextDocument(certificateUri(entry));
  try {
    doc = await vscode.languages.setTextDocumentLanguage(doc, 'pem');
  } catch {
    // Without the pem language the document still opens as plain text.
  }
  await vscode.window.showTextDocument(doc, options);
}
