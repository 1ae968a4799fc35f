import type { Resource } from '../resource';
import { asArray, asBoolean, asMap, asPortNumber, asString, asStringList, has, type JsonMap, type Path } from '../read';
import { readSelector, type Selector } from './labels';

export const CLIENT_TLS_MODES = ['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL'] as const;
export type ClientTlsMode = (typeof CLIENT_TLS_MODES)[number];

/** A DestinationRule `tls` block (ClientTLSSettings). */
export interface TlsBlock {
  readonly path: Path;
  readonly raw: JsonMap;
  /** The mode in effect: a missing mode is DISABLE, the enum default (§B8). */
  readonly mode: ClientTlsMode | 'INVALID';
  readonly modeGiven: boolean;
  readonly credentialName?: string;
  readonly hasClientCertificate: boolean;
  readonly hasPrivateKey: boolean;
  readonly insecureSkipVerify: boolean;
}

export interface PortTrafficPolicy {
  readonly path: Path;
  readonly port?: number;
  readonly tls?: TlsBlock;
}

export interface TrafficPolicy {
  readonly path: Path;
  readonly tls?: TlsBlock;
  readonly portLevel: readonly PortTrafficPolicy[];
}

export interface Subset {
  readonly path: Path;
  readonly name: string;
  readonly trafficPolicy?: TrafficPolicy;
}

export interface DestinationRuleObject {
  readonly resource: Resource;
  readonly namespace: string;
  readonly name: string;
  /** `spec.host` as written (trimmed). */
  readonly host: string;
  readonly exportTo: readonly string[];
  readonly workloadSelector?: Selector;
  readonly trafficPolicy?: TrafficPolicy;
  readonly subsets: readonly Subset[];
}

function readTls(value: unknown, path: Path): TlsBlock | undefined {
  const raw = asMap(value);
  if (!raw) return undefined;
  const modeGiven = has(raw, 'mode') && raw.mode !== null;
  const modeValue = raw.mode;
  const mode: TlsBlock['mode'] = !modeGiven
    ? 'DISABLE'
    : typeof modeValue === 'string' && (CLIENT_TLS_MODES as readonly string[]).includes(modeValue)
      ? (modeValue as ClientTlsMode)
      : 'INVALID';
  const credentialName = asString(raw.credentialName);
  return {
    path,
    raw,
    mode,
    modeGiven,
    ...(credentialName ? { credentialName } : {}),
    hasClientCertificate: !!asString(raw.clientCertificate),
    hasPrivateKey: !!asString(raw.privateKey),
    insecureSkipVerify: asBoolean(raw.insecureSkipVerify) === true,
  };
}

function readTrafficPolicy(value: unknown, path: Path): TrafficPolicy | undefined {
  const map = asMap(value);
  if (!map) return undefined;
  const tls = readTls(map.tls, [...path, 'tls']);
  const portLevel: PortTrafficPolicy[] = asArray(map.portLevelSettings).map((entry, i) => {
    const m = asMap(entry);
    const entryPath: Path = [...path, 'portLevelSettings', i];
    const port = asPortNumber(asMap(m?.port)?.number);
    const entryTls = readTls(m?.tls, [...entryPath, 'tls']);
    return { path: entryPath, ...(port !== undefined ? { port } : {}), ...(entryTls ? { tls: entryTls } : {}) };
  });
  return { path, ...(tls ? { tls } : {}), portLevel };
}

export function readDestinationRule(r: Resource): DestinationRuleObject | undefined {
  if (r.kind !== 'DestinationRule' || r.group !== 'networking.istio.io') return undefined;
  const spec = asMap(r.body.spec);
  const trafficPolicy = readTrafficPolicy(spec?.trafficPolicy, ['spec', 'trafficPolicy']);
  const subsets: Subset[] = [];
  asArray(spec?.subsets).forEach((s, i) => {
    const m = asMap(s);
    const name = asString(m?.name);
    if (!m || !name) return;
    const path: Path = ['spec', 'subsets', i];
    const tp = readTrafficPolicy(m.trafficPolicy, [...path, 'trafficPolicy']);
    subsets.push({ path, name, ...(tp ? { trafficPolicy: tp } : {}) });
  });
  const workloadSelector = readSelector(r.body, ['spec', 'workloadSelector']);
  return {
    resource: r,
    namespace: r.namespace,
    name: r.name,
    host: (asString(spec?.host) ?? '').trim(),
    exportTo: asStringList(spec?.exportTo).map((s) => s.trim()),
    ...(workloadSelector ? { workloadSelector } : {}),
    ...(trafficPolicy ? { trafficPolicy } : {}),
    subsets,
  };
}

/** Every `tls` block of a DestinationRule, at any level. */
export function allTlsBlocks(dr: DestinationRuleObject): TlsBlock[] {
  const out: TlsBlock[] = [];
  const fromPolicy = (tp: TrafficPolicy | undefined) => {
    if (!tp) return;
    if (tp.tls) out.push(tp.tls);
    for (const p of tp.portLevel) if (p.tls) out.push(p.tls);
  };
  fromPolicy(dr.trafficPolicy);
  for (const s of dr.subsets) fromPolicy(s.trafficPolicy);
  return out;
}
