// Test PKI generated at test time: RSA and ECDSA (P-256) keys, certificates built as DER with
// node-forge's asn1 helpers and signed with node:crypto (node-forge itself only signs with RSA).
// Also builds manifests and a RuleContext the way the engine does (parseYamlFile + readResources).

import { asn1 } from 'node-forge';
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { parseYamlFile } from '../../server/src/workspace/parseYamlFile';
import { readResources, type Resource } from '../../server/src/model/resource';
import { buildMeshModel } from '../../server/src/model/meshModel';
import { MeshSemantics } from '../../server/src/semantics/meshSemantics';
import type { RuleContext } from '../../server/src/rules/ruleContext';
import type { CertificateFile } from '../../server/src/model/kinds/certificateFile';

// ------------------------------------------------------------------------------------------
// Keys

export type KeyAlgorithm = 'rsa' | 'ec';

export interface KeyPair {
  readonly algorithm: KeyAlgorithm;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

export function newKeyPair(algorithm: KeyAlgorithm): KeyPair {
  const pair = algorithm === 'rsa'
    ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return { algorithm, privateKey: pair.privateKey, publicKey: pair.publicKey };
}

/** PEM of a private key: PKCS#8 ("PRIVATE KEY") or the traditional form ("RSA PRIVATE KEY" / "EC PRIVATE KEY"). */
export function privateKeyPem(key: KeyPair, form: 'pkcs8' | 'traditional' = 'traditional'): string {
  if (form === 'pkcs8') return key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return key.privateKey.export({ type: key.algorithm === 'rsa' ? 'pkcs1' : 'sec1', format: 'pem' }).toString();
}

// ------------------------------------------------------------------------------------------
// Certificates

const U = asn1.Class.UNIVERSAL;
const C = asn1.Class.CONTEXT_SPECIFIC;
const T = asn1.Type;

const OID = {
  cn: '2.5.4.3',
  o: '2.5.4.10',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  subjectKeyId: '2.5.29.14',
  authorityKeyId: '2.5.29.35',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
};

export const KEY_USAGE_BITS = [
  'digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement',
  'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly',
] as const;
export type KeyUsage = (typeof KEY_USAGE_BITS)[number];

export interface NameSpec {
  readonly CN?: string;
  readonly O?: string;
}

export interface CertSpec {
  readonly subject: NameSpec;
  readonly key: KeyPair;
  /** Self-signed when absent. */
  readonly issuer?: Issued;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly serial?: number;
  /** basicConstraints: true / false, or 'absent' to leave the extension out. */
  readonly ca: boolean | 'absent';
  readonly pathLen?: number;
  /** keyUsage bits, or 'absent'. */
  readonly keyUsage: readonly KeyUsage[] | 'absent';
  readonly extKeyUsage?: ReadonlyArray<'serverAuth' | 'clientAuth'>;
  readonly uriSans?: readonly string[];
  readonly dnsSans?: readonly string[];
}

export interface Issued {
  readonly spec: CertSpec;
  readonly der: Buffer;
  readonly pem: string;
  readonly key: KeyPair;
  readonly name: asn1.Asn1;
  readonly subjectKeyId: string;
}

const bin = (b: Buffer) => b.toString('binary');
const oid = (o: string) => asn1.create(U, T.OID, false, asn1.oidToDer(o).getBytes());
const seq = (items: asn1.Asn1[]) => asn1.create(U, T.SEQUENCE, true, items);
const der = (node: asn1.Asn1) => Buffer.from(asn1.toDer(node).getBytes(), 'binary');

function nameOf(spec: NameSpec): asn1.Asn1 {
  const rdns: asn1.Asn1[] = [];
  const add = (o: string, value: string) =>
    rdns.push(asn1.create(U, T.SET, true, [seq([oid(o), asn1.create(U, T.UTF8, false, Buffer.from(value, 'utf8').toString('binary'))])]));
  if (spec.O !== undefined) add(OID.o, spec.O);
  if (spec.CN !== undefined) add(OID.cn, spec.CN);
  return seq(rdns);
}

function time(d: Date): asn1.Asn1 {
  return d.getUTCFullYear() < 2050
    ? asn1.create(U, T.UTCTIME, false, asn1.dateToUtcTime(d))
    : asn1.create(U, T.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(d));
}

function integer(n: number): asn1.Asn1 {
  return asn1.create(U, T.INTEGER, false, asn1.integerToDer(n).getBytes());
}

function extension(o: string, critical: boolean, value: asn1.Asn1): asn1.Asn1 {
  const parts = [oid(o)];
  if (critical) parts.push(asn1.create(U, T.BOOLEAN, false, '\xff'));
  parts.push(asn1.create(U, T.OCTETSTRING, false, asn1.toDer(value).getBytes()));
  return seq(parts);
}

/** keyUsage BIT STRING in DER: minimal length, unused trailing bits counted. */
function keyUsageBits(usages: readonly KeyUsage[]): asn1.Asn1 {
  const bits = usages.map((u) => KEY_USAGE_BITS.indexOf(u));
  const max = bits.length ? Math.max(...bits) : -1;
  const bytes = new Array<number>(max >= 8 ? 2 : 1).fill(0);
  for (const b of bits) bytes[b >> 3] |= 0x80 >> (b & 7);
  const unused = max < 0 ? 0 : (8 - ((max + 1) % 8)) % 8;
  const content = max < 0 ? [0] : [unused, ...bytes];
  return asn1.create(U, T.BITSTRING, false, String.fromCharCode(...content));
}

function algorithmOf(key: KeyPair): asn1.Asn1 {
  return key.algorithm === 'rsa' ? seq([oid(OID.sha256WithRSA), asn1.create(U, T.NULL, false, '')]) : seq([oid(OID.ecdsaWithSha256)]);
}

function pemOf(label: string, bytes: Buffer): string {
  const b64 = bytes.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

let nextSerial = 0x1000;

export function issue(spec: CertSpec): Issued {
  const spkiDer = spec.key.publicKey.export({ type: 'spki', format: 'der' });
  const spki = asn1.fromDer(bin(spkiDer));
  const subjectKeyId = createHash('sha1').update(spkiDer).digest().toString('binary');
  const issuerKey = spec.issuer ? spec.issuer.key : spec.key;
  const issuerName = spec.issuer ? spec.issuer.name : nameOf(spec.subject);
  const authorityKeyId = spec.issuer ? spec.issuer.subjectKeyId : subjectKeyId;
  const subjectName = nameOf(spec.subject);
  const emptySubject = spec.subject.CN === undefined && spec.subject.O === undefined;

  const exts: asn1.Asn1[] = [];
  if (spec.ca !== 'absent') {
    const bc: asn1.Asn1[] = [];
    if (spec.ca) bc.push(asn1.create(U, T.BOOLEAN, false, '\xff'));
    if (spec.ca && spec.pathLen !== undefined) bc.push(integer(spec.pathLen));
    exts.push(extension(OID.basicConstraints, true, seq(bc)));
  }
  if (spec.keyUsage !== 'absent') exts.push(extension(OID.keyUsage, true, keyUsageBits(spec.keyUsage)));
  if (spec.extKeyUsage?.length) exts.push(extension(OID.extKeyUsage, false, seq(spec.extKeyUsage.map((e) => oid(OID[e])))));
  const sans = [
    ...(spec.uriSans ?? []).map((u) => asn1.create(C, 6, false, u)),
    ...(spec.dnsSans ?? []).map((d) => asn1.create(C, 2, false, d)),
  ];
  // RFC 5280 §4.2.1.6: with an empty subject the SAN extension is critical (as in Istio workload certificates, §E1).
  if (sans.length) exts.push(extension(OID.subjectAltName, emptySubject, seq(sans)));
  exts.push(extension(OID.subjectKeyId, false, asn1.create(U, T.OCTETSTRING, false, subjectKeyId)));
  exts.push(extension(OID.authorityKeyId, false, seq([asn1.create(C, 0, false, authorityKeyId)])));

  const tbs = seq([
    asn1.create(C, 0, true, [integer(2)]),
    integer(spec.serial ?? nextSerial++),
    algorithmOf(issuerKey),
    issuerName,
    seq([time(spec.notBefore), time(spec.notAfter)]),
    subjectName,
    spki,
    asn1.create(C, 3, true, [seq(exts)]),
  ]);
  const tbsDer = der(tbs);
  const signature = sign('sha256', tbsDer, issuerKey.privateKey);
  const cert = seq([tbs, algorithmOf(issuerKey), asn1.create(U, T.BITSTRING, false, '\x00' + bin(signature))]);
  const certDer = der(cert);
  return { spec, der: certDer, pem: pemOf('CERTIFICATE', certDer), key: spec.key, name: subjectName, subjectKeyId };
}

// ------------------------------------------------------------------------------------------
// A small PKI around `now`

export const NOW = new Date('2026-11-22T00:00:00Z');
const DAY = 86_400_000;
export const daysFrom = (d: Date, days: number) => new Date(d.getTime() + days * DAY);

export function rootCa(key: KeyPair, CN: string, over: Partial<CertSpec> = {}): Issued {
  return issue({
    subject: { O: 'Acme', CN }, key, notBefore: daysFrom(NOW, -365), notAfter: daysFrom(NOW, 3650),
    ca: true, keyUsage: ['keyCertSign', 'cRLSign'], ...over,
  });
}

export function intermediateCa(key: KeyPair, CN: string, issuer: Issued, over: Partial<CertSpec> = {}): Issued {
  return issue({
    subject: { O: 'Acme', CN }, key, issuer, notBefore: daysFrom(NOW, -30), notAfter: daysFrom(NOW, 365),
    ca: true, pathLen: 0, keyUsage: ['digitalSignature', 'keyCertSign', 'cRLSign'], ...over,
  });
}

/** An Istio-style workload certificate: empty subject, critical URI SAN, CA:FALSE, serverAuth+clientAuth (§E1). */
export function workloadCert(key: KeyPair, issuer: Issued, over: Partial<CertSpec> = {}): Issued {
  return issue({
    subject: {}, key, issuer, notBefore: daysFrom(NOW, -0.01), notAfter: daysFrom(NOW, 1),
    ca: false, keyUsage: ['digitalSignature', 'keyEncipherment'], extKeyUsage: ['serverAuth', 'clientAuth'],
    uriSans: ['spiffe://cluster.local/ns/x/sa/y'], ...over,
  });
}

export interface TestPki {
  readonly rootKey: KeyPair; // RSA
  readonly intermediateKey: KeyPair; // ECDSA P-256
  readonly otherIntermediateKey: KeyPair; // ECDSA P-256
  readonly otherRootKey: KeyPair; // ECDSA P-256
  readonly root: Issued;
  readonly intermediate: Issued;
  /** Another root with another key (and name). */
  readonly wrongRoot: Issued;
  /** A root with the same name as `root` but another key. */
  readonly impostorRoot: Issued;
  readonly workload: Issued;
}

let cached: TestPki | undefined;

/** The shared PKI: RSA root, ECDSA intermediate (mixed algorithms, as plug-in CAs often are). */
export function testPki(): TestPki {
  if (cached) return cached;
  const rootKey = newKeyPair('rsa');
  const intermediateKey = newKeyPair('ec');
  const otherIntermediateKey = newKeyPair('ec');
  const otherRootKey = newKeyPair('ec');
  const root = rootCa(rootKey, 'Acme Mesh Root CA');
  const intermediate = intermediateCa(intermediateKey, 'Acme Intermediate CA', root);
  const wrongRoot = rootCa(otherRootKey, 'Old Cluster Root CA');
  const impostorRoot = rootCa(otherRootKey, 'Acme Mesh Root CA');
  const workload = workloadCert(newKeyPair('ec'), intermediate);
  cached = { rootKey, intermediateKey, otherIntermediateKey, otherRootKey, root, intermediate, wrongRoot, impostorRoot, workload };
  return cached;
}

// ------------------------------------------------------------------------------------------
// Manifests

export type Values = Readonly<Record<string, string>>;

const indent = (text: string, n: number) => text.replace(/\n$/, '').split('\n').map((l) => ' '.repeat(n) + l).join('\n');

function block(values: Values): string {
  return Object.entries(values)
    .map(([k, v]) => (v === '' ? `  ${k}: ""` : `  ${k}: |\n${indent(v, 4)}`))
    .join('\n');
}

/** A Secret with `data` (base64-encoded here) and/or `stringData` (plain). */
export function secretYaml(name: string, namespace: string, values: { data?: Values; stringData?: Values }): string {
  const parts = [`apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\ntype: Opaque`];
  if (values.data) {
    parts.push('data:\n' + Object.entries(values.data).map(([k, v]) => `  ${k}: "${Buffer.from(v, 'utf8').toString('base64')}"`).join('\n'));
  }
  if (values.stringData) parts.push('stringData:\n' + block(values.stringData));
  return parts.join('\n') + '\n';
}

/** A ConfigMap: `data` values are plain text. */
export function configMapYaml(name: string, namespace: string, data: Values): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\ndata:\n${block(data)}\n`;
}

export interface TestFile {
  readonly path: string;
  readonly text: string;
}

/** Resources of YAML files, read by the engine's own parser and reader. */
export function resourcesOf(files: readonly TestFile[]): Resource[] {
  const out: Resource[] = [];
  for (const f of files) {
    const parsed = parseYamlFile(f.path, f.text);
    for (const doc of parsed.documents) {
      if (doc.value === undefined || doc.template) continue;
      out.push(...readResources(doc.value, f.path, doc.index));
    }
  }
  return out;
}

export interface ContextOptions {
  readonly now?: Date;
  readonly certificateExpiryWarningDays?: number;
  readonly certificateFiles?: readonly CertificateFile[];
}

export function contextOf(yamlFiles: readonly TestFile[], options: ContextOptions = {}): RuleContext {
  const model = buildMeshModel(resourcesOf(yamlFiles));
  return {
    model,
    sem: new MeshSemantics(model),
    certificateFiles: options.certificateFiles ?? [],
    settings: { now: options.now ?? NOW, certificateExpiryWarningDays: options.certificateExpiryWarningDays ?? 30 },
  };
}
