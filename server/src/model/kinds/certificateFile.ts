/** A `.pem` / `.crt` file of the workspace: a certificate source outside any manifest. */
export interface CertificateFile {
  /** The path as it is shown. */
  readonly path: string;
  /** The file content. Private key blocks in it are never echoed anywhere. */
  readonly text: string;
}
