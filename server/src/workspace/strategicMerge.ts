import { asMap, ownValue, setOwn, type JsonMap } from '../model/read';

/** List merge keys of built-in kinds (kustomize's strategic merge for the fields rules.md names). */
const MERGE_KEYS: Record<string, readonly string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  ports: ['containerPort', 'port'],
  imagePullSecrets: ['name'],
};

function mergeKeyOf(item: unknown, keys: readonly string[]): string | undefined {
  const m = asMap(item);
  if (!m) return undefined;
  for (const k of keys) if (m[k] !== undefined && m[k] !== null) return `${k}=${String(m[k])}`;
  return undefined;
}

function mergeList(base: unknown[], patch: unknown[], keys: readonly string[]): unknown[] {
  const out = [...base];
  for (const item of patch) {
    const key = mergeKeyOf(item, keys);
    const at = key === undefined ? -1 : out.findIndex((b) => mergeKeyOf(b, keys) === key);
    if (at >= 0) out[at] = mergeValue(out[at], item, true);
    else out.push(item);
  }
  return out;
}

function mergeValue(base: unknown, patch: unknown, strategic: boolean, field?: string): unknown {
  const bm = asMap(base);
  const pm = asMap(patch);
  if (bm && pm) return mergeMaps(bm, pm, strategic);
  const keys = strategic && field !== undefined ? ownValue(MERGE_KEYS, field) : undefined;
  if (keys && Array.isArray(base) && Array.isArray(patch)) return mergeList(base, patch, keys);
  return patch;
}

function mergeMaps(base: JsonMap, patch: JsonMap, strategic: boolean): JsonMap {
  const out: JsonMap = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else setOwn(out, k, Object.hasOwn(out, k) ? mergeValue(out[k], v, strategic, k) : v);
  }
  return out;
}

/**
 * Merges a kustomize patch onto its target: maps key by key, `null` deletes, lists replaced,
 * except the strategic-merge lists of built-in kinds (`strategic`).
 */
export function mergePatch(target: JsonMap, patch: JsonMap, strategic: boolean): JsonMap {
  return mergeMaps(target, patch, strategic);
}
