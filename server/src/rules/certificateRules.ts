// Certificate material in manifests and files (rules.md "Certificate material in manifests"; §E3, §E4, §E8).
// Private keys are read only to compare public keys; no message ever quotes a value.

import type { Anchor, Finding, Related } from './finding';
import type { RuleContext, RuleSet } from './ruleContext';
import { DEFAULT_CERTIFICATE_EXPIRY_WARNING_DAYS } from './ruleContext';
import type { Resource } from '../model/resource';
import type { CertificateFile } from '../model/kinds/certificateFile';
import {
  isKeyRole, readCertificateSource, sourceValue,
  type CertificateKeyRole, type CertificateSource, type CertificateSourceKind, type CertificateSourceValue,
} from '../model/kinds/certificateSources';
import { readCertificateBytes, readCertificateText, type CertificateReading, type LocatedCertificate } from '../certificates/certificateValue';
import type { Certificate } from '../certificates/x509Reading';
import { sameCertificate } from '../certificates/x509Reading';
import { describeCertificate, formatDuration, formatInstant, issuerName } from '../certificates/certificateLabel';
import { verifyUpToRoots } from '../certificates/chainVerification';
import { notACaReason, readCaConstraints } from '../certificates/keyUsage';
import { certificatePublicKey, describeKeyType, publicKeyOfPrivateKey, samePublicKey } from '../certificates/keyMatch';
import { listSome, nsName } from './describe';
import { nameText, SHOWN_CHARACTERS } from './quoteValue';

const EXPIRED = 'certificate-expired';
const EXPIRING = 'certificate-expiring';
const NOT_YET_VALID = 'certificate-not-yet-valid';
const CHAIN_BROKEN = 'ca-chain-broken';
const KEY_MISMATCH = 'ca-key-mismatch';
const NOT_CA = 'ca-not-ca';
const ROOT_MISMATCH = 'root-mismatch';
const UNREADABLE = 'unreadable-certificate';

const DAY_MS = 86_400_000;
const ISTIO_SYSTEM = 'istio-system';
const TEMPLATE_MARK = '{{';
const FILE_IDENTITY = { kind: '', namespace: '', name: '' } as const;

/** A certificate key of a source, read. `reading` is absent when the value could not be decoded. */
interface ReadKey {
  readonly source: CertificateSource;
  readonly value: CertificateSourceValue;
  readonly reading?: CertificateReading;
  /** Why the value is not a readable certificate (undefined: fully readable). */
  readonly unreadable?: string;
}

/** Readable without any problem: the only values chain and root comparisons use. */
function cleanCertificates(k: ReadKey | undefined): Certificate[] | undefined {
  if (!k || k.unreadable !== undefined || !k.reading) return undefined;
  return k.reading.certificates.map((c) => c.certificate);
}

function unreadableReason(reading: CertificateReading): string | undefined {
  if (reading.problems.length > 0) return someProblems(reading.problems.map((p) => p.message));
  if (reading.certificates.length > 0) return undefined;
  if (reading.privateKeyBlocks > 0) return 'the value holds a private key block, not a certificate';
  if (reading.otherBlockLabels.length > 0) return `the value holds no CERTIFICATE block (only ${listSome(reading.otherBlockLabels.map((l) => nameText(l, SHOWN_CHARACTERS)))})`;
  return 'the value holds no certificate';
}

function readKey(source: CertificateSource, value: CertificateSourceValue): ReadKey {
  if (value.problem !== undefined || !value.bytes) return { source, value, unreadable: value.problem ?? 'the value cannot be decoded' };
  const reading = readCertificateBytes(value.bytes);
  const reason = unreadableReason(reading);
  return reason === undefined ? { source, value, reading } : { source, value, reading, unreadable: reason };
}

// ---------------------------------------------------------------------------------------------
// What a certificate does in the mesh, for messages.

type Part = 'istio-root' | 'istio-self-signed' | 'istio-signer' | 'istio-chain' | 'linkerd-anchor' | 'linkerd-issuer' | 'file';

function partOf(kind: CertificateSourceKind, role: CertificateKeyRole): Part {
  if (kind === 'linkerd-trust-roots') return 'linkerd-anchor';
  if (kind === 'linkerd-issuer') return role === 'root' ? 'linkerd-anchor' : 'linkerd-issuer';
  if (role === 'root') return 'istio-root';
  if (role === 'chain') return 'istio-chain';
  return kind === 'istio-ca-secret' ? 'istio-self-signed' : 'istio-signer';
}

const ROLE_TEXT: Record<Part, string> = {
  'istio-root': 'Sidecars trust this root (§E4)',
  'istio-self-signed': 'This self-signed root is the CA that istiod signs workload certificates with (§E3)',
  'istio-signer': 'This is the CA that istiod signs workload certificates with (§E3)',
  'istio-chain': 'This chain goes out with every workload certificate that istiod issues (§E3)',
  'linkerd-anchor': 'Linkerd proxies validate peer identities against these trust anchors (§E8)',
  'linkerd-issuer': 'The Linkerd identity controller signs proxy certificates with this issuer (§E8)',
  file: 'If this file is used as a trust anchor or CA',
};

function isRootPart(part: Part): boolean {
  return part === 'istio-root' || part === 'istio-self-signed' || part === 'linkerd-anchor';
}

function consequence(part: Part, rule: string): string {
  const root = isRootPart(part);
  const role = ROLE_TEXT[part];
  if (part === 'file') {
    if (rule === EXPIRED) return `${role}, certificates that chain to it are rejected and TLS handshakes fail`;
    if (rule === EXPIRING) return `${role}, certificates that chain to it will be rejected once it expires; rotate it before then`;
    return `${role}, certificates that chain to it are rejected until then (was it issued on a machine with a skewed clock?)`;
  }
  if (rule === EXPIRED) {
    return root
      ? `${role}: workloads can no longer chain to a valid root, so mTLS handshakes fail`
      : `${role}: peers reject certificates that chain through an expired CA, so mTLS handshakes fail`;
  }
  if (rule === EXPIRING) {
    return root
      ? `${role}: once it expires, workloads can no longer chain to a valid root and mTLS handshakes fail; rotate it before then`
      : `${role}: once it expires, peers reject the certificates that chain through it and mTLS handshakes fail; rotate it before then`;
  }
  return `${role}: until then peers reject the certificates that chain ${root ? 'to' : 'through'} it, so mTLS handshakes fail (was it issued on a machine with a skewed clock?)`;
}

// ---------------------------------------------------------------------------------------------
// certificate-expired / certificate-expiring / certificate-not-yet-valid

interface Dated {
  readonly located: LocatedCertificate;
  readonly index: number;
}

interface ValidityFindings {
  readonly rule: string;
  readonly hits: readonly Dated[];
}

function warningDays(ctx: RuleContext): number {
  const d = ctx.settings.certificateExpiryWarningDays;
  return typeof d === 'number' && Number.isFinite(d) && d >= 0 ? d : DEFAULT_CERTIFICATE_EXPIRY_WARNING_DAYS;
}

function classifyValidity(certs: readonly LocatedCertificate[], now: Date, days: number): ValidityFindings[] {
  const t = now.getTime();
  const expired: Dated[] = [];
  const expiring: Dated[] = [];
  const notYet: Dated[] = [];
  certs.forEach((located, index) => {
    const c = located.certificate;
    const notAfter = c.notAfter.getTime();
    if (notAfter < t) expired.push({ located, index });
    else if (notAfter - t <= days * DAY_MS) expiring.push({ located, index });
    if (c.notBefore.getTime() > t) notYet.push({ located, index });
  });
  const out: ValidityFindings[] = [];
  if (expired.length) out.push({ rule: EXPIRED, hits: expired });
  if (expiring.length) out.push({ rule: EXPIRING, hits: expiring });
  if (notYet.length) out.push({ rule: NOT_YET_VALID, hits: notYet });
  return out;
}

function whenText(rule: string, c: Certificate, now: Date, days: number): string {
  if (rule === EXPIRED) return `expired on ${formatInstant(c.notAfter)} (notAfter, ${formatDuration(now.getTime() - c.notAfter.getTime())} ago)`;
  if (rule === EXPIRING) {
    return `expires on ${formatInstant(c.notAfter)} (notAfter), in ${formatDuration(c.notAfter.getTime() - now.getTime())}, inside the ${days}-day warning window`;
  }
  return `is not valid before ${formatInstant(c.notBefore)} (notBefore, ${formatDuration(c.notBefore.getTime() - now.getTime())} from now)`;
}

function validityMessage(where: string, total: number, f: ValidityFindings, part: Part, now: Date, days: number): string {
  const hits = f.hits;
  let head: string;
  if (total === 1) {
    head = `${where} ${describeCertificate(hits[0].located.certificate)} ${whenText(f.rule, hits[0].located.certificate, now, days)}`;
  } else if (hits.length === 1) {
    const h = hits[0];
    head = `${where}: certificate ${h.index + 1} of ${total}, ${describeCertificate(h.located.certificate)}, ${whenText(f.rule, h.located.certificate, now, days)}`;
  } else {
    const list = someProblems(hits.map((h) => `certificate ${h.index + 1} ${describeCertificate(h.located.certificate)} ${whenText(f.rule, h.located.certificate, now, days)}`));
    head = `${where}: ${hits.length} of ${total} certificates are affected: ${list}`;
  }
  return `${head}. ${consequence(part, f.rule)}.`;
}

// ---------------------------------------------------------------------------------------------
// Anchors and labels

function keyAnchor(k: { source: CertificateSource; value: CertificateSourceValue }): Anchor {
  return { resource: k.source.resource, path: k.value.path };
}

function objectLabel(r: Resource): string {
  return nsName(r);
}

/** The first certificates of a list, described, and how many more. */
function certificateList(certs: readonly Certificate[], max = 3): string {
  return certs.slice(0, max).map(describeCertificate).join(', ') + (certs.length > max ? ` and ${certs.length - max} more` : '');
}

/** The first items of a list of clauses, "; "-separated, and how many more. */
function someProblems(messages: readonly string[], max = 3): string {
  const unique = [...new Set(messages)];
  return unique.slice(0, max).join('; ') + (unique.length > max ? `; and ${unique.length - max} more` : '');
}

function finding(rule: string, anchor: Anchor, message: string, related: Related[] = []): Finding {
  return { rule, message, anchor, related };
}

// ---------------------------------------------------------------------------------------------
// Per source

function validityFindings(k: ReadKey, ctx: RuleContext): Finding[] {
  const certs = k.reading?.certificates ?? [];
  if (!certs.length) return [];
  const now = ctx.settings.now;
  const days = warningDays(ctx);
  const part = partOf(k.source.kind, k.value.role);
  return classifyValidity(certs, now, days).map((f) => finding(f.rule, keyAnchor(k), validityMessage(k.value.key, certs.length, f, part, now, days)));
}

function unreadableFinding(k: ReadKey): Finding[] {
  if (k.unreadable === undefined || k.value.templated) return [];
  const r = k.source.resource;
  return [finding(UNREADABLE, keyAnchor(k),
    `${k.value.key} of ${r.kind} ${objectLabel(r)} is not a readable certificate: ${k.unreadable}. ${unreadableEffect(k)}.`)];
}

function unreadableEffect(k: ReadKey): string {
  const part = partOf(k.source.kind, k.value.role);
  switch (part) {
    case 'istio-root':
      return k.source.kind === 'istio-root-configmap'
        ? 'Sidecars that mount it cannot validate istiod or their peers (§E4), so mTLS fails'
        : 'The root that istiod should distribute to sidecars cannot be loaded from this Secret (§E3, §E4)';
    case 'istio-self-signed':
    case 'istio-signer': return 'The CA that istiod should sign workload certificates with cannot be loaded from this Secret (§E3)';
    case 'istio-chain': return 'The CA chain that istiod should send with workload certificates cannot be loaded from this Secret (§E3)';
    case 'linkerd-anchor': return 'Linkerd proxies cannot load their trust anchors (§E8)';
    case 'linkerd-issuer': return 'The Linkerd identity controller cannot load its issuer (§E8)';
    default: return 'Nothing can trust or use it';
  }
}

function chainFindings(source: CertificateSource, keys: ReadonlyMap<string, ReadKey>): Finding[] {
  const out: Finding[] = [];
  for (const scheme of source.schemes) {
    const rootKey = scheme.root ? keys.get(scheme.root) : undefined;
    const roots = cleanCertificates(rootKey);
    if (!rootKey || !roots || roots.length === 0) continue;
    const certKey = keys.get(scheme.certificate);
    const chainKey = scheme.chain ? keys.get(scheme.chain) : undefined;
    const subjectKey = certKey ?? chainKey;
    const own = cleanCertificates(subjectKey);
    if (!subjectKey || !own || own.length === 0) continue;
    const chain = subjectKey === chainKey ? [] : chainKey ? cleanCertificates(chainKey) : [];
    if (!chain) continue;
    const start = own[0];
    const verdict = verifyUpToRoots(start, [...own.slice(1), ...chain], roots);
    if (verdict.ok) continue;
    const rootList = certificateList(roots);
    const rootName = rootKey.value.key;
    let reason: string;
    if (verdict.wrongKey.length > 0) {
      reason = `${verdict.stuckAt === start ? 'it' : `its chain reaches ${describeCertificate(verdict.stuckAt)}, which`} names ${issuerName(verdict.stuckAt)} as issuer, but the signature does not verify with the key of ${describeCertificate(verdict.wrongKey[0])} (same name, different key)`;
    } else if (verdict.stuckAt === start) {
      reason = `it was issued by ${issuerName(start)}, and neither ${rootName} (${rootList})${chainKey && chainKey !== subjectKey ? ` nor ${chainKey.value.key}` : ''} holds that issuer`;
    } else {
      reason = `its chain stops at ${describeCertificate(verdict.stuckAt)}, issued by ${issuerName(verdict.stuckAt)}, which is not in ${rootName} (${rootList})`;
    }
    const effect = source.kind === 'linkerd-issuer'
      ? `Proxy certificates it signs do not chain to ${rootName} (§E8), so peers reject them`
      : `Workload certificates signed with it do not chain to ${rootName}, the root istiod distributes to every sidecar (§E3, §E4), so peers reject them and mTLS handshakes fail`;
    out.push(finding(CHAIN_BROKEN, keyAnchor(subjectKey),
      `${subjectKey.value.key} ${describeCertificate(start)} does not verify up to ${rootName} of this Secret: ${reason}. ${effect}.`,
      [{ anchor: keyAnchor(rootKey), message: `${rootName} of this Secret holds ${rootList}` }]));
  }
  return out;
}

function keyMismatchFindings(source: CertificateSource, keys: ReadonlyMap<string, ReadKey>): Finding[] {
  const out: Finding[] = [];
  for (const scheme of source.schemes) {
    const keyValue = sourceValue(source, scheme.key);
    const certKey = keys.get(scheme.certificate);
    const certs = certKey?.reading?.certificates ?? [];
    if (!keyValue?.bytes || keyValue.templated || !certKey || certs.length === 0) continue;
    const privatePublic = publicKeyOfPrivateKey(keyValue.bytes);
    if (!privatePublic) continue;
    const cert = certs[0].certificate;
    const certPublic = certificatePublicKey(cert.x509);
    if (!certPublic || samePublicKey(privatePublic, certPublic) !== false) continue;
    const keyType = describeKeyType(privatePublic);
    const certType = describeKeyType(certPublic);
    const shape = keyType === certType ? `a different ${keyType} key` : `an ${keyType} key, while the certificate holds an ${certType} key`;
    const who = source.kind === 'linkerd-issuer' ? 'The Linkerd identity controller (§E8)' : 'Istiod (§E3)';
    out.push(finding(KEY_MISMATCH, { resource: source.resource, path: keyValue.path },
      `${scheme.key} does not belong to ${scheme.certificate} ${describeCertificate(cert)}: it is ${shape}. ${who} signs with this key, so the certificates it issues do not verify against ${scheme.certificate} and peers reject them (or the CA fails to load).`,
      [{ anchor: keyAnchor(certKey), message: `${scheme.certificate}: ${describeCertificate(cert)}` }]));
  }
  return out;
}

function notCaFindings(source: CertificateSource, keys: ReadonlyMap<string, ReadKey>): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const scheme of source.schemes) {
    const certKey = keys.get(scheme.certificate);
    const certs = certKey?.reading?.certificates ?? [];
    if (!certKey || certs.length === 0 || seen.has(scheme.certificate)) continue;
    seen.add(scheme.certificate);
    const cert = certs[0].certificate;
    const constraints = readCaConstraints(cert.extensions);
    if (!constraints) continue;
    const reason = notACaReason(constraints);
    if (!reason) continue;
    const who = source.kind === 'linkerd-issuer' ? 'The Linkerd identity controller signs proxy certificates with it (§E8)' : 'It is the CA that istiod signs workload certificates with (§E3)';
    out.push(finding(NOT_CA, keyAnchor(certKey),
      `${scheme.certificate} ${describeCertificate(cert)} is not a CA certificate: ${reason}. ${who}, and verifiers reject certificates issued by a non-CA, so mTLS handshakes fail.`));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// root-mismatch

interface RootRef {
  readonly key: ReadKey;
  readonly certs: readonly Certificate[];
}

function sameSet(a: readonly Certificate[], b: readonly Certificate[]): boolean {
  return a.every((x) => b.some((y) => sameCertificate(x, y))) && b.every((y) => a.some((x) => sameCertificate(x, y)));
}

/** The root every istio-ca-root-cert is compared with (rules.md root-mismatch). */
function referenceRoot(ctx: RuleContext): RootRef | undefined {
  const model = ctx.model;
  const rootsIn = (resources: readonly Resource[], pred: (k: ReadKey) => boolean): RootRef[] => {
    const out: RootRef[] = [];
    for (const r of resources) {
      const source = readCertificateSource(r);
      if (!source) continue;
      for (const value of source.values) {
        if (isKeyRole(value.role)) continue;
        const key = readKey(source, value);
        if (!pred(key)) continue;
        const certs = cleanCertificates(key) ?? [];
        if (certs.length) out.push({ key, certs });
      }
    }
    return out;
  };
  const isCacertsRoot = (k: ReadKey) => k.source.kind === 'istio-cacerts' && k.value.role === 'root';
  // One Secret's root: root-cert.pem, else ca.crt (kubernetes.io/tls scheme).
  const rootOfSecret = (refs: RootRef[]) => refs.find((r) => r.key.value.key === 'root-cert.pem') ?? refs[0];
  const inIstioSystem = rootsIn(model.namespace(ISTIO_SYSTEM).resources, isCacertsRoot);
  if (inIstioSystem.length) return rootOfSecret(inIstioSystem);
  for (const ns of model.namespaceNames()) {
    const found = rootsIn(model.namespace(ns).resources, isCacertsRoot);
    if (found.length) {
      const first = found.filter((r) => r.key.source === found[0].key.source);
      return rootOfSecret(first);
    }
  }
  return rootsIn(model.namespace(ISTIO_SYSTEM).resources, (k) => k.source.kind === 'istio-root-configmap')[0];
}

function rootMismatchFindings(readKeys: readonly ReadKey[], ctx: RuleContext): Finding[] {
  const configMaps = readKeys.filter((k) => k.source.kind === 'istio-root-configmap')
    .map((key) => ({ key, certs: cleanCertificates(key) ?? [] }))
    .filter((r) => r.certs.length > 0);
  if (!configMaps.length) return [];
  const reference = referenceRoot(ctx);
  if (!reference) return [];
  const refResource = reference.key.source.resource;
  const refLabel = `${reference.key.value.key} of ${refResource.kind} ${objectLabel(refResource)}`;
  const out: Finding[] = [];
  for (const cm of configMaps) {
    if (cm.key.source.resource.id === refResource.id || sameSet(cm.certs, reference.certs)) continue;
    const extra = cm.certs.filter((c) => !reference.certs.some((r) => sameCertificate(c, r)));
    const missing = reference.certs.filter((r) => !cm.certs.some((c) => sameCertificate(c, r)));
    const parts: string[] = [];
    if (extra.length) parts.push(`holds ${certificateList(extra)}, which ${extra.length === 1 ? 'is' : 'are'} not in the mesh root`);
    if (missing.length) parts.push(`lacks the mesh root ${certificateList(missing)}`);
    const ns = nameText(cm.key.source.resource.namespace);
    out.push(finding(ROOT_MISMATCH, keyAnchor(cm.key),
      `root-cert.pem of istio-ca-root-cert in namespace ${ns} differs from ${refLabel}: it ${parts.join(' and ')}. Sidecars in ${ns} mount this ConfigMap to trust istiod and the mesh root (§E4), so they cannot validate istiod's certificate or their peers' and mTLS fails; istiod would also overwrite this copy.`,
      [{ anchor: keyAnchor(reference.key), message: `the mesh root: ${certificateList(reference.certs)}` }]));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// .pem / .crt files

function fileAnchor(cf: CertificateFile, start: number, end: number): Anchor {
  return { file: cf.path, offsets: [start, end], identity: FILE_IDENTITY };
}

function fileFindings(cf: CertificateFile, ctx: RuleContext): Finding[] {
  if (typeof cf.text !== 'string') return [];
  const reading = readCertificateText(cf.text);
  const certs = reading.certificates;
  // Only private keys (or other blocks such as public keys): not a certificate source.
  if (certs.length === 0 && reading.problems.length === 0) return [];
  const out: Finding[] = [];
  const templated = cf.text.includes(TEMPLATE_MARK);
  if (reading.problems.length > 0 && !templated) {
    const first = reading.problems[0];
    out.push(finding(UNREADABLE, fileAnchor(cf, first.start, first.end),
      `${cf.path} is not a readable certificate: ${someProblems(reading.problems.map((p) => p.message))}. Nothing can trust or use it.`));
  }
  const now = ctx.settings.now;
  const days = warningDays(ctx);
  for (const f of classifyValidity(certs, now, days)) {
    const first = f.hits[0].located;
    out.push(finding(f.rule, fileAnchor(cf, first.start, first.end), validityMessage(cf.path, certs.length, f, 'file', now, days)));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/** Unit: the certificate sources of one namespace. */
function map(ctx: RuleContext, namespace: string): Finding[] {
  const out: Finding[] = [];
  const readKeys: ReadKey[] = [];
  for (const r of ctx.model.namespace(namespace).resources) {
    const source = readCertificateSource(r);
    if (!source) continue;
    const keys = new Map<string, ReadKey>();
    for (const value of source.values) {
      if (isKeyRole(value.role)) continue;
      const k = readKey(source, value);
      keys.set(value.key, k);
      readKeys.push(k);
      out.push(...unreadableFinding(k), ...validityFindings(k, ctx));
    }
    out.push(...chainFindings(source, keys), ...keyMismatchFindings(source, keys), ...notCaFindings(source, keys));
  }
  out.push(...rootMismatchFindings(readKeys, ctx));
  return out;
}

export const certificateRules: RuleSet = {
  name: 'certificates',
  ids: [EXPIRED, EXPIRING, NOT_YET_VALID, CHAIN_BROKEN, KEY_MISMATCH, NOT_CA, ROOT_MISMATCH, UNREADABLE],
  map,
  files: (ctx) => ctx.certificateFiles.flatMap((cf) => fileFindings(cf, ctx)),
};
