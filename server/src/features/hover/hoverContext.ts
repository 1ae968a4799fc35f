import type { MeshModel } from '../../model/meshModel';
import type { MeshSemantics } from '../../semantics/meshSemantics';
import type { ResourceAtPosition } from '../locate';
import type { EditorSnapshot } from '../editorSnapshot';
import type { Linker } from './links';

/** What every hover reads: the resource under the cursor and the analysis context that judged it. */
export interface HoverContext {
  readonly snapshot: EditorSnapshot;
  readonly at: ResourceAtPosition;
  readonly model: MeshModel;
  readonly sem: MeshSemantics;
  readonly links: Linker;
}
