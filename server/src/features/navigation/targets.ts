import type { Location } from 'vscode-languageserver';
import { get, type Path } from '../../model/read';
import type { Resource } from '../../model/resource';
import type { Workload } from '../../model/kinds/workload';
import type { EditorSnapshot } from '../editorSnapshot';
import { rangeOfPath } from '../presenter';

/** A place inside a resource that navigation points at: its metadata.name or a matched element. */
export interface Target {
  readonly resource: Resource;
  /** Path inside the resource body (relative to its basePath). */
  readonly path: Path;
}

export const NAME_PATH: Path = ['metadata', 'name'];

export function nameTarget(resource: Resource): Target {
  return { resource, path: NAME_PATH };
}

/** The path when it exists in the body, else the resource's metadata.name (never a guessed prefix). */
export function existingOrName(resource: Resource, path: Path): Target {
  return get(resource.body, path) === undefined ? nameTarget(resource) : { resource, path };
}

/** Where a workload's labels live: the pod template's labels, or a WorkloadEntry's spec.labels. */
export function workloadLabelPath(w: Workload, key: string): Path {
  return w.kind === 'WorkloadEntry' ? ['spec', 'labels', key] : [...w.templatePath, 'metadata', 'labels', key];
}

/** Where a workload names its service account; metadata.name when it relies on `default`. */
export function workloadServiceAccountTarget(w: Workload): Target {
  if (w.kind === 'WorkloadEntry') return existingOrName(w.resource, ['spec', 'serviceAccount']);
  const spec = [...w.templatePath, 'spec'];
  const named = get(w.resource.body, [...spec, 'serviceAccountName']) !== undefined;
  return existingOrName(w.resource, [...spec, named ? 'serviceAccountName' : 'serviceAccount']);
}

export function locationOf(snapshot: EditorSnapshot, target: Target): Location | undefined {
  const { file, docIndex, basePath } = target.resource.source;
  const parsed = snapshot.file(file);
  if (!parsed) return undefined;
  return { uri: snapshot.uriOf(file), range: rangeOfPath(parsed, docIndex, [...basePath, ...target.path]) };
}

/** Locations of targets, in order, without duplicates. */
export function locationsOf(snapshot: EditorSnapshot, targets: readonly Target[]): Location[] {
  const seen = new Set<string>();
  const out: Location[] = [];
  for (const t of targets) {
    const loc = locationOf(snapshot, t);
    if (!loc) continue;
    const key = `${loc.uri}:${loc.range.start.line}:${loc.range.start.character}:${loc.range.end.line}:${loc.range.end.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(loc);
  }
  return out;
}

/** Whether `path` starts with `prefix` (numbers and their strings compare equal). */
export function startsWith(path: Path, prefix: Path): boolean {
  return prefix.length <= path.length && prefix.every((seg, i) => String(seg) === String(path[i]));
}
