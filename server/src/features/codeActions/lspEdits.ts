import type { Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { ParsedFile } from '../../workspace/parsedFile';
import type { EditorSnapshot } from '../editorSnapshot';
import type { OffsetEdit } from './offsetEdit';

function positionOf(file: ParsedFile, offset: number): Position {
  const p = file.lineCounter.linePos(offset);
  return { line: p.line - 1, character: p.col - 1 };
}

export function toTextEdits(file: ParsedFile, edits: readonly OffsetEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: { start: positionOf(file, e.start), end: positionOf(file, e.end) }, newText: e.newText }));
}

/** A WorkspaceEdit of range edits on one file (`changes`: the fixes are computed on the analysed text). */
export function workspaceEdit(snapshot: EditorSnapshot, path: string, file: ParsedFile, edits: readonly OffsetEdit[]): WorkspaceEdit {
  return { changes: { [snapshot.uriOf(path)]: toTextEdits(file, edits) } };
}
