import type { Resource } from '../resource';
import { asMap, has, type Path } from '../read';
import { readSelector, type Selector } from './labels';

export const PEER_AUTHN_MODES = ['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT'] as const;
export type PeerAuthnMode = (typeof PEER_AUTHN_MODES)[number];

/** A mode as written: a valid enum value, or invalid (wrong case, wrong type, unknown). */
export interface ModeSetting {
  readonly value: PeerAuthnMode | 'INVALID';
  /** Path of the `mode` value; undefined when the key is absent. */
  readonly path?: Path;
  /** The parent block (`mtls` or the port entry). */
  readonly blockPath: Path;
}

export interface PortLevelEntry {
  /** The key as written. */
  readonly key: string;
  /** The port, when the key is an integer 1..65535. */
  readonly port?: number;
  readonly mode: ModeSetting;
  readonly path: Path;
}

export interface PeerAuthenticationObject {
  readonly resource: Resource;
  readonly namespace: string;
  readonly name: string;
  readonly selector?: Selector;
  /** The top-level mode (UNSET when `mtls` or `mode` is missing). */
  readonly mode: ModeSetting;
  /** Whether the spec has a `portLevelMtls` key at all (even empty or of the wrong type). */
  readonly hasPortLevelMtls: boolean;
  readonly portLevel: readonly PortLevelEntry[];
}

export function readModeSetting(block: unknown, blockPath: Path): ModeSetting {
  const map = asMap(block);
  if (!map || !has(map, 'mode') || map.mode === null) return { value: 'UNSET', blockPath };
  const raw = map.mode;
  const path = [...blockPath, 'mode'];
  const valid = typeof raw === 'string' && (PEER_AUTHN_MODES as readonly string[]).includes(raw);
  return { value: valid ? (raw as PeerAuthnMode) : 'INVALID', path, blockPath };
}

export function readPeerAuthentication(r: Resource): PeerAuthenticationObject | undefined {
  if (r.kind !== 'PeerAuthentication' || r.group !== 'security.istio.io') return undefined;
  const spec = asMap(r.body.spec);
  const selector = readSelector(r.body, ['spec', 'selector']);
  const portLevel: PortLevelEntry[] = [];
  const portMap = asMap(spec?.portLevelMtls);
  for (const [key, entry] of Object.entries(portMap ?? {})) {
    const port = /^\d+$/.test(key) && Number(key) >= 1 && Number(key) <= 65535 ? Number(key) : undefined;
    const path: Path = ['spec', 'portLevelMtls', key];
    portLevel.push({ key, mode: readModeSetting(entry, path), path, ...(port !== undefined ? { port } : {}) });
  }
  return {
    resource: r,
    namespace: r.namespace,
    name: r.name,
    ...(selector ? { selector } : {}),
    mode: readModeSetting(spec?.mtls, ['spec', 'mtls']),
    hasPortLevelMtls: has(spec, 'portLevelMtls') && spec?.portLevelMtls !== null,
    portLevel,
  };
}
