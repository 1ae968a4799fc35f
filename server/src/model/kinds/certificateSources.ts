import type { Resource } from '../resource';
import { asMap, asString, has, ownValue, type Path } from '../read';
import { decodeBase64Strict } from '../../certificates/strictBase64';

/** The objects that carry mesh certificate material (§E3, §E4, §E8). */
export type CertificateSourceKind =
  | 'istio-cacerts' // Secret cacerts: plug-in CA (§E3)
  | 'istio-ca-secret' // Secret istio-ca-secret: istiod's self-signed CA (§E3)
  | 'istio-root-configmap' // ConfigMap istio-ca-root-cert (§E4)
  | 'linkerd-trust-roots' // ConfigMap linkerd-identity-trust-roots (§E8)
  | 'linkerd-issuer'; // Secret linkerd-identity-issuer (§E8)

/** What a key holds. */
export type CertificateKeyRole =
  | 'signing-certificate' // ca-cert.pem, tls.crt, crt.pem: the CA that signs workload certificates
  | 'signing-key' // ca-key.pem, tls.key, key.pem: its private key (never echoed)
  | 'chain' // cert-chain.pem: intermediates up to the root
  | 'root'; // root-cert.pem, ca.crt, ca-bundle.crt: trust anchors

/** One present, non-empty key of a source. */
export interface CertificateSourceValue {
  readonly key: string;
  readonly role: CertificateKeyRole;
  /** Where the value sits in the resource body: ['data', key], ['stringData', key] or ['binaryData', key]. */
  readonly path: Path;
  /** The decoded bytes; absent when the value cannot be decoded (see `problem`). Key bytes stay in memory only. */
  readonly bytes?: Buffer;
  /** Why the value cannot be decoded (wrong type, invalid base64); never quotes the value. */
  readonly problem?: string;
  /** The value holds `{{`: a template expression, not certificate material. */
  readonly templated: boolean;
}

/** The keys that belong together: a signing certificate, its key, its chain and its root. */
export interface SigningScheme {
  readonly certificate: string;
  readonly key: string;
  readonly chain?: string;
  readonly root?: string;
}

export interface CertificateSource {
  readonly resource: Resource;
  readonly kind: CertificateSourceKind;
  /** The present keys, in the order of the key table. */
  readonly values: readonly CertificateSourceValue[];
  readonly schemes: readonly SigningScheme[];
}

interface SourceSpec {
  readonly kind: CertificateSourceKind;
  readonly objectKind: 'Secret' | 'ConfigMap';
  readonly keys: ReadonlyArray<readonly [string, CertificateKeyRole]>;
  readonly schemes: readonly SigningScheme[];
}

const ISTIO_CA_KEYS: ReadonlyArray<readonly [string, CertificateKeyRole]> = [
  ['ca-cert.pem', 'signing-certificate'],
  ['ca-key.pem', 'signing-key'],
  ['cert-chain.pem', 'chain'],
  ['root-cert.pem', 'root'],
  ['tls.crt', 'signing-certificate'],
  ['tls.key', 'signing-key'],
  ['ca.crt', 'root'],
];
const ISTIO_CA_SCHEMES: readonly SigningScheme[] = [
  { certificate: 'ca-cert.pem', key: 'ca-key.pem', chain: 'cert-chain.pem', root: 'root-cert.pem' },
  { certificate: 'tls.crt', key: 'tls.key', root: 'ca.crt' },
];

const SPECS: Readonly<Record<string, SourceSpec>> = {
  'Secret/cacerts': { kind: 'istio-cacerts', objectKind: 'Secret', keys: ISTIO_CA_KEYS, schemes: ISTIO_CA_SCHEMES },
  'Secret/istio-ca-secret': { kind: 'istio-ca-secret', objectKind: 'Secret', keys: ISTIO_CA_KEYS, schemes: ISTIO_CA_SCHEMES },
  'ConfigMap/istio-ca-root-cert': { kind: 'istio-root-configmap', objectKind: 'ConfigMap', keys: [['root-cert.pem', 'root']], schemes: [] },
  'ConfigMap/linkerd-identity-trust-roots': {
    kind: 'linkerd-trust-roots', objectKind: 'ConfigMap', keys: [['ca-bundle.crt', 'root']], schemes: [],
  },
  'Secret/linkerd-identity-issuer': {
    kind: 'linkerd-issuer',
    objectKind: 'Secret',
    keys: [
      ['crt.pem', 'signing-certificate'],
      ['key.pem', 'signing-key'],
      ['tls.crt', 'signing-certificate'],
      ['tls.key', 'signing-key'],
      ['ca.crt', 'root'],
    ],
    schemes: [
      { certificate: 'crt.pem', key: 'key.pem' },
      { certificate: 'tls.crt', key: 'tls.key', root: 'ca.crt' },
    ],
  },
};

const TEMPLATE_MARK = '{{';

type Raw = { readonly field: string; readonly value: unknown };

/** The raw value of a key: for Secrets stringData wins over data (as the API server merges them). */
function rawValue(body: Readonly<Record<string, unknown>>, objectKind: 'Secret' | 'ConfigMap', key: string): Raw | undefined {
  const order = objectKind === 'Secret' ? ['stringData', 'data'] : ['data', 'binaryData'];
  for (const field of order) {
    const map = asMap(body[field]);
    if (map && has(map, key)) return { field, value: map[key] };
  }
  return undefined;
}

function isBase64Field(objectKind: 'Secret' | 'ConfigMap', field: string): boolean {
  return (objectKind === 'Secret' && field === 'data') || (objectKind === 'ConfigMap' && field === 'binaryData');
}

function readValue(spec: SourceSpec, body: Readonly<Record<string, unknown>>, key: string, role: CertificateKeyRole): CertificateSourceValue | undefined {
  const raw = rawValue(body, spec.objectKind, key);
  if (!raw || raw.value === null || raw.value === undefined) return undefined;
  const path: Path = [raw.field, key];
  const text = asString(raw.value);
  if (text === undefined) return { key, role, path, problem: 'the value is not a string', templated: false };
  if (text.trim() === '') return undefined;
  const templated = text.includes(TEMPLATE_MARK);
  if (!isBase64Field(spec.objectKind, raw.field)) return { key, role, path, bytes: Buffer.from(text, 'utf8'), templated };
  const bytes = decodeBase64Strict(text);
  if (!bytes) return { key, role, path, problem: `the value is not valid base64 (${raw.field} values must be base64-encoded)`, templated };
  if (bytes.length === 0) return undefined;
  return { key, role, path, bytes, templated: templated || bytes.toString('utf8').includes(TEMPLATE_MARK) };
}

/** The certificate source a resource is, with its present keys; undefined for any other resource. */
export function readCertificateSource(r: Resource): CertificateSource | undefined {
  if (r.group !== '') return undefined;
  const spec = ownValue(SPECS, `${r.kind}/${r.name}`);
  if (!spec) return undefined;
  const values: CertificateSourceValue[] = [];
  for (const [key, role] of spec.keys) {
    const v = readValue(spec, r.body, key, role);
    if (v) values.push(v);
  }
  return { resource: r, kind: spec.kind, values, schemes: spec.schemes };
}

export function sourceValue(source: CertificateSource, key: string | undefined): CertificateSourceValue | undefined {
  return key === undefined ? undefined : source.values.find((v) => v.key === key);
}

/** A role's key never holds certificates (private keys are only compared, never read as certificates). */
export function isKeyRole(role: CertificateKeyRole): boolean {
  return role === 'signing-key';
}
