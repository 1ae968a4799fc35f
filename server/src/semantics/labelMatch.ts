import type { Labels } from '../model/kinds/labels';
import { ownValue } from '../model/read';

/** `selector ⊆ labels`: every selector label is on the workload with the same value (§A1). */
export function selectorMatches(selector: Labels, labels: Labels): boolean {
  for (const [k, v] of Object.entries(selector)) if (ownValue(labels, k) !== v) return false;
  return true;
}
