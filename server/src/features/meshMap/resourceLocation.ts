import type { ResourceLocation } from '../../../../protocol/src/location';
import type { Path } from '../../model/read';
import type { Resource } from '../../model/resource';
import { describe, nsName } from '../../rules/describe';
import type { EditorSnapshot } from '../editorSnapshot';
import type { Linker } from '../hover/links';
import { rangeOfPath } from '../presenter';

/** Where a resource (or `path` inside it) is written; undefined when its file is not in the snapshot. */
export function locationOf(snapshot: EditorSnapshot, r: Resource, path: Path = ['metadata', 'name'], label = describe(r)): ResourceLocation | undefined {
  const file = snapshot.file(r.source.file);
  if (!file) return undefined;
  return { uri: snapshot.uriOf(r.source.file), range: rangeOfPath(file, r.source.docIndex, [...r.source.basePath, ...path]), label };
}

/** The hover texts' linker, writing names without Markdown links (the views add their own links). */
export const plainLinker: Linker = { resource: (r, label = nsName(r)) => label };
