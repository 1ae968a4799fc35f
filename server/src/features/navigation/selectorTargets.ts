import type { Labels } from '../../model/kinds/labels';
import type { Workload } from '../../model/kinds/workload';
import { ownValue, type Path } from '../../model/read';
import { selectorMatches } from '../../semantics/labelMatch';
import { nameTarget, workloadLabelPath, type Target } from './targets';

/** A selector of the resource under the cursor: where it sits and what pool of workloads it picks from. */
export interface SelectorSite {
  /** Path of the map holding the labels (`…matchLabels`, Service `spec.selector`, ServiceEntry `…labels`). */
  readonly labelsPath: Path;
  /** Path of the whole selector block (the cursor on it means "the whole selector"). */
  readonly blockPath: Path;
  readonly labels: Labels;
  /** The workloads matched (already filtered by §A1 / §D2 / §B4 scope rules). */
  readonly matched: readonly Workload[];
}

/** Workloads of a pool whose labels hold every selector label (§A1 subset match). */
export function matching(pool: readonly Workload[], labels: Labels): Workload[] {
  return pool.filter((w) => selectorMatches(labels, w.labels));
}

/**
 * Targets of a selector under the cursor: on one label, that label on each matched workload;
 * on the block or its labels map, each matched workload's metadata.name.
 */
export function selectorTargets(site: SelectorSite, cursorPath: Path): Target[] {
  const onLabel = cursorPath.length === site.labelsPath.length + 1 ? String(cursorPath[site.labelsPath.length]) : undefined;
  return site.matched.map((w) =>
    onLabel !== undefined && ownValue(w.labels, onLabel) !== undefined ? { resource: w.resource, path: workloadLabelPath(w, onLabel) } : nameTarget(w.resource),
  );
}
