import type { Path } from '../../model/read';
import type { Resource } from '../../model/resource';
import type { EditorSnapshot } from '../editorSnapshot';
import { rangeOfPath } from '../presenter';
import { linkLabel } from './markdown';
import { nsName } from '../../rules/describe';

/** Markdown links to positions in workspace files: `[label](file-uri#L<1-based line>)`. */
export interface Linker {
  /** A link to a resource (its `metadata.name`, or `path` inside it); the label defaults to `namespace/name`. */
  resource(r: Resource, label?: string, path?: Path): string;
}

export { nsName } from '../../rules/describe';

export function linkerFor(snapshot: EditorSnapshot): Linker {
  return {
    resource(r, label = nsName(r), path = ['metadata', 'name']) {
      const text = linkLabel(label);
      const file = snapshot.file(r.source.file);
      if (!file) return text;
      const range = rangeOfPath(file, r.source.docIndex, [...r.source.basePath, ...path]);
      return `[${text}](${snapshot.uriOf(r.source.file)}#L${range.start.line + 1})`;
    },
  };
}
