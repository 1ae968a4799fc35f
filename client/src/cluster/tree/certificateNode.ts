import { formatDuration, formatInstant } from '../../../../server/src/certificates/certificateLabel';
import type { BundleReport, CertificateReport } from '../analysis/certificateBundle';
import { relative } from '../analysis/validityFindings';
import { CONTEXT_VALUE, type ClusterNode, type NodeView, type TreeEnv } from './clusterNode';
import { findingLines, headline, statusOf } from './findingSummary';

/** The fields of a certificate, one per line (tooltips and the detail document share them). */
export function certificateFieldLines(r: CertificateReport, now: Date): string[] {
  const f = r.facts;
  const left = f.notAfter.getTime() - now.getTime();
  const lifetime = f.notAfter.getTime() - f.notBefore.getTime();
  return [
    `Identity:     ${f.spiffeId ? `${f.spiffeId.uri} (SPIFFE ID)` : f.identity}`,
    ...(f.uriSans.length > 1 || (f.uriSans.length === 1 && !f.spiffeId) ? [`URI SANs:     ${f.uriSans.join(', ')}`] : []),
    ...(f.dnsSans.length ? [`DNS SANs:     ${f.dnsSans.join(', ')}`] : []),
    `Subject:      ${f.subject}`,
    `Issuer:       ${f.issuer}`,
    `Serial:       ${f.serial}`,
    `Key:          ${f.keyType}${f.isCa ? ' · CA' : ''}${f.selfSigned ? ' · self-signed' : ''}`,
    `Not before:   ${formatInstant(f.notBefore)}`,
    `Not after:    ${formatInstant(f.notAfter)} (${left >= 0 ? `${formatDuration(left)} left` : `expired ${formatDuration(left)} ago`} of ${formatDuration(lifetime)})`,
    `SHA-256:      ${f.fingerprint256}`,
    ...(r.chain ? [`Chain:        ${r.chain}`] : []),
  ];
}

/** One certificate: identity, time left, findings; a click opens its PEM document. */
export class CertificateNode implements ClusterNode {
  readonly id: string;

  constructor(
    private readonly env: TreeEnv,
    readonly parent: ClusterNode,
    readonly report: CertificateReport,
    readonly bundle: BundleReport,
    readonly index: number,
    context: string,
    where: string,
  ) {
    this.id = `${parent.id}/cert:${index}`;
    env.certificates.add({ id: this.id, context, where: `${where} · ${bundle.key}${bundle.certificates.length > 1 ? ` ${index + 1}/${bundle.certificates.length}` : ''}`, report, bundle, index });
  }

  view(): NodeView {
    const r = this.report;
    const now = this.env.now();
    const problem = headline(r.findings);
    const left = r.facts.notAfter.getTime() - now.getTime();
    const role = r.role === 'workload' ? '' : r.role === 'intermediate' ? 'intermediate · ' : r.role === 'root' ? 'root · ' : '';
    const label = r.role === 'workload' || r.role === 'leaf' ? r.facts.identity : r.facts.subjectName.replace(/^"(.*)"$/, '$1');
    return {
      label,
      description: problem ?? `${role}expires ${relative(left)}`,
      tooltip: [...certificateFieldLines(r, now), ...(r.findings.length ? ['', ...findingLines(r.findings)] : [])].join('\n'),
      icon: 'certificate',
      status: statusOf(r.findings),
      collapsible: 'none',
      contextValue: CONTEXT_VALUE.certificate,
      action: 'openCertificate',
    };
  }

  children(): Promise<readonly ClusterNode[]> {
    return Promise.resolve([]);
  }

  refresh(): void {}
}
