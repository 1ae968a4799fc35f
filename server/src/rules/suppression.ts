import { anchorResource, type Finding } from './finding';

export const IGNORE_ANNOTATION = 'istio-mtls-doctor.io/ignore';

/** Annotation `istio-mtls-doctor.io/ignore: "rule-a,rule-b"` (or `*`) silences rules for a resource. */
export function isSuppressed(f: Finding): boolean {
  const r = anchorResource(f.anchor);
  const value = r?.annotations[IGNORE_ANNOTATION];
  if (!value) return false;
  const ids = value.split(',').map((s) => s.trim());
  return ids.includes('*') || ids.includes(f.rule);
}
