import { decodeBase64Strict } from '../../../../server/src/certificates/strictBase64';

/** `istioctl proxy-config secret`'s STATUS column (§E6). */
export type SecretStatus = 'ACTIVE' | 'WARMING';
/** Its TYPE column: a certificate chain with a (redacted) key, or a trusted CA bundle. */
export type SecretType = 'Cert Chain' | 'CA' | 'unknown';

/** One SDS secret of an Envoy config dump. Only certificate bytes are kept; the key is never read. */
export interface DumpSecret {
  readonly name: string;
  readonly status: SecretStatus;
  readonly type: SecretType;
  /** The PEM text of `certificate_chain` or `trusted_ca`; undefined when the secret carries none yet. */
  readonly pem?: string;
  readonly lastUpdated?: string;
  readonly versionInfo?: string;
}

export interface DumpReading {
  readonly secrets: readonly DumpSecret[];
  /** Why (part of) the dump could not be read; never quotes its content. */
  readonly problems: readonly string[];
}

type Json = Record<string, unknown>;
const isMap = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** An Envoy DataSource (`inline_bytes` is base64 in proto3 JSON, `inline_string` is text). */
function dataSourceText(source: unknown): string | undefined {
  if (!isMap(source)) return undefined;
  const bytes = str(source.inline_bytes);
  if (bytes !== undefined) return decodeBase64Strict(bytes)?.toString('utf8');
  return str(source.inline_string);
}

function readSecret(entry: unknown, status: SecretStatus): DumpSecret | undefined {
  if (!isMap(entry)) return undefined;
  const secret = isMap(entry.secret) ? entry.secret : undefined;
  const name = str(entry.name) ?? str(secret?.name);
  if (!name) return undefined;
  let type: SecretType = 'unknown';
  let pem: string | undefined;
  // tls_certificate.private_key is deliberately never looked at: Envoy redacts it, and this code must not handle key material anyway.
  if (secret && isMap(secret.tls_certificate)) {
    type = 'Cert Chain';
    pem = dataSourceText(secret.tls_certificate.certificate_chain);
  } else if (secret && isMap(secret.validation_context)) {
    type = 'CA';
    pem = dataSourceText(secret.validation_context.trusted_ca);
  }
  const lastUpdated = str(entry.last_updated);
  const versionInfo = str(entry.version_info);
  return {
    name,
    status,
    type,
    ...(pem ? { pem } : {}),
    ...(lastUpdated ? { lastUpdated } : {}),
    ...(versionInfo ? { versionInfo } : {}),
  };
}

/**
 * Reads the secrets of `GET /config_dump?mask=dynamic_active_secrets,dynamic_warming_secrets`
 * (§E6): `configs[]` entries of type `envoy.admin.v3.SecretsConfigDump`.
 */
export function readConfigDumpSecrets(body: string): DumpReading {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { secrets: [], problems: ['the config dump is not JSON (is port 15000 the Envoy admin port of this pod?)'] };
  }
  if (!isMap(json) || !Array.isArray(json.configs)) {
    return { secrets: [], problems: ['the config dump has no "configs" list'] };
  }
  const secrets: DumpSecret[] = [];
  for (const config of json.configs) {
    if (!isMap(config)) continue;
    const type = str(config['@type']) ?? '';
    if (type && !type.endsWith('.SecretsConfigDump')) continue;
    for (const [field, status] of [['dynamic_active_secrets', 'ACTIVE'], ['dynamic_warming_secrets', 'WARMING']] as const) {
      const list = config[field];
      if (!Array.isArray(list)) continue;
      for (const entry of list) {
        const s = readSecret(entry, status);
        if (s) secrets.push(s);
      }
    }
  }
  return { secrets, problems: [] };
}
