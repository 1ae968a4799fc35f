/** The few fields the cluster view reads from API objects (narrowed from JSON, never trusted). */
import { setOwn } from '../../../../server/src/model/read';

type Json = Record<string, unknown>;
export const asMap = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
export const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const asText = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function stringMap(v: unknown): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(asMap(v) ?? {})) if (typeof x === 'string') setOwn(out, k, x);
  return out;
}

export interface LiveNamespace {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export type SidecarKind = 'istio' | 'linkerd';

export interface LivePod {
  readonly namespace: string;
  readonly name: string;
  readonly serviceAccount: string;
  readonly phase: string;
  readonly sidecar?: SidecarKind;
  /** `istio-proxy` / `linkerd-proxy` (a container, or a native sidecar init container). */
  readonly sidecarContainer?: string;
}

export interface ListPage<T> {
  readonly items: readonly T[];
  /** The `continue` token of the next page; undefined on the last page. */
  readonly continueToken?: string;
}

export function readNamespace(v: unknown): LiveNamespace | undefined {
  const meta = asMap(asMap(v)?.metadata);
  const name = asText(meta?.name);
  if (!name) return undefined;
  return { name, labels: stringMap(meta?.labels), annotations: stringMap(meta?.annotations) };
}

const SIDECARS: ReadonlyArray<[string, SidecarKind]> = [['istio-proxy', 'istio'], ['linkerd-proxy', 'linkerd']];

export function readPod(v: unknown): LivePod | undefined {
  const obj = asMap(v);
  const meta = asMap(obj?.metadata);
  const spec = asMap(obj?.spec);
  const name = asText(meta?.name);
  const namespace = asText(meta?.namespace);
  if (!name || !namespace) return undefined;
  const containers = asList(spec?.containers).map((c) => asText(asMap(c)?.name));
  // Native sidecars (Kubernetes ≥1.29, Istio ENABLE_NATIVE_SIDECARS) are init containers with restartPolicy Always.
  const nativeSidecars = asList(spec?.initContainers)
    .map(asMap)
    .filter((c) => c?.restartPolicy === 'Always')
    .map((c) => asText(c?.name));
  const found = SIDECARS.find(([container]) => containers.includes(container) || nativeSidecars.includes(container));
  return {
    namespace,
    name,
    serviceAccount: asText(spec?.serviceAccountName) || asText(spec?.serviceAccount) || 'default',
    phase: asText(asMap(obj?.status)?.phase) ?? 'Unknown',
    ...(found ? { sidecar: found[1], sidecarContainer: found[0] } : {}),
  };
}

export function readListPage<T>(v: unknown, read: (item: unknown) => T | undefined): ListPage<T> {
  const obj = asMap(v);
  const items = asList(obj?.items).map(read).filter((x): x is T => x !== undefined);
  const token = asText(asMap(obj?.metadata)?.continue);
  return { items, ...(token ? { continueToken: token } : {}) };
}

/** How a namespace asks for sidecars, in the words of its labels (§C1). */
export function injectionState(ns: LiveNamespace): string {
  const label = ns.labels['istio-injection'];
  const rev = ns.labels['istio.io/rev'];
  const linkerd = ns.annotations['linkerd.io/inject'];
  const parts: string[] = [];
  if (label) parts.push(`istio-injection=${label}`);
  if (rev) parts.push(`istio.io/rev=${rev}`);
  if (linkerd) parts.push(`linkerd.io/inject=${linkerd}`);
  return parts.length ? parts.join(', ') : 'no injection label';
}
