import { isRuleId } from '../rules/catalogue';
import type { Severity } from '../rules/finding';
import { DEFAULT_CERTIFICATE_EXPIRY_WARNING_DAYS } from '../rules/ruleContext';

/** `istioMtlsDoctor.*`: read through workspace/configuration, updated live. */
export interface ServerSettings {
  /** Root namespace when the workspace has no mesh config. */
  readonly rootNamespace: string;
  /** Trust domain and aliases when the workspace has no mesh config. */
  readonly trustDomain: string;
  readonly trustDomainAliases: readonly string[];
  readonly certificateExpiryWarningDays: number;
  /** Per-rule severity override, or off. */
  readonly rules: Readonly<Record<string, Severity | 'off'>>;
  /** Globs (relative to a workspace folder) of files to analyse, and to leave out. */
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly maxFileSizeMB: number;
}

export const SETTINGS_SECTION = 'istioMtlsDoctor';

export const DEFAULT_SETTINGS: ServerSettings = {
  rootNamespace: 'istio-system',
  trustDomain: 'cluster.local',
  trustDomainAliases: [],
  certificateExpiryWarningDays: DEFAULT_CERTIFICATE_EXPIRY_WARNING_DAYS,
  rules: {},
  include: ['**/*.yaml', '**/*.yml', '**/*.pem', '**/*.crt'],
  exclude: ['**/node_modules/**', '**/.git/**'],
  maxFileSizeMB: 5,
};

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);

function stringList(v: unknown, fallback: readonly string[]): readonly string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : fallback;
}

/** Validates whatever the client sent; anything malformed falls back to the default. */
export function readSettings(raw: unknown): ServerSettings {
  const s = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, Severity | 'off'> = {};
  if (s.rules !== null && typeof s.rules === 'object') {
    for (const [id, sev] of Object.entries(s.rules as Record<string, unknown>)) {
      if (isRuleId(id) && typeof sev === 'string' && SEVERITIES.has(sev)) rules[id] = sev as Severity | 'off';
    }
  }
  const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : d);
  const str = (v: unknown, d: string) => (typeof v === 'string' && v.trim() ? v.trim() : d);
  return {
    rootNamespace: str(s.rootNamespace, DEFAULT_SETTINGS.rootNamespace),
    trustDomain: str(s.trustDomain, DEFAULT_SETTINGS.trustDomain),
    trustDomainAliases: stringList(s.trustDomainAliases, DEFAULT_SETTINGS.trustDomainAliases),
    certificateExpiryWarningDays: num(s.certificateExpiryWarningDays, DEFAULT_SETTINGS.certificateExpiryWarningDays),
    rules,
    include: stringList(s.include, DEFAULT_SETTINGS.include),
    exclude: [...DEFAULT_SETTINGS.exclude, ...stringList(s.exclude, [])],
    maxFileSizeMB: num(s.maxFileSizeMB, DEFAULT_SETTINGS.maxFileSizeMB),
  };
}
