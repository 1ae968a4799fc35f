import type { Connection, Position, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EditorSnapshot } from '../features/editorSnapshot';
import { lineCounterOf } from '../workspace/textFileLines';
import { definitionAt } from '../features/navigation/definition';
import { referencesAt } from '../features/navigation/references';
import { completionsAt } from '../features/navigation/completion';
import { documentSymbols } from '../features/navigation/documentSymbols';
import { codeActions, fixAllAction, FIX_ALL_KIND } from '../features/codeActions/codeActions';
import { hoverAt } from '../features/hover/hoverAt';
import { codeLenses } from '../features/codeLens/codeLenses';
import { MeshMapRequest } from '../../../protocol/src/meshMap';
import { WorkspaceMeshRequest } from '../../../protocol/src/workspaceMesh';
import { meshMapOf } from '../features/meshMap/meshMap';
import { workspaceMeshOf } from '../features/workspaceMesh/workspaceMesh';

/** Offset of an LSP position in a text (LSP lines and UTF-16 characters). */
function offsetIn(text: string, position: Position): number {
  const lines = lineCounterOf(text).lineStarts;
  const start = lines[Math.min(position.line, lines.length - 1)] ?? 0;
  const end = position.line + 1 < lines.length ? lines[position.line + 1] : text.length;
  return Math.min(start + position.character, end);
}

/**
 * Wires the editor features (pure services of features/) to LSP requests. Each handler asks the
 * current snapshot (analysing first if a change is pending) and converts positions.
 */
export function registerFeatures(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  snapshotOf: () => EditorSnapshot,
  pathOf: (uri: string) => string,
): void {
  const at = (uri: string, position: Position) => {
    const snapshot = snapshotOf();
    const path = pathOf(uri);
    const text = snapshot.text(path) ?? documents.get(uri)?.getText() ?? '';
    return { snapshot, path, text, offset: offsetIn(text, position) };
  };
  connection.onDefinition((p) => {
    const { snapshot, path, offset } = at(p.textDocument.uri, p.position);
    return definitionAt(snapshot, path, offset);
  });
  connection.onReferences((p) => {
    const { snapshot, path, offset } = at(p.textDocument.uri, p.position);
    return referencesAt(snapshot, path, offset, p.context.includeDeclaration);
  });
  connection.onCompletion((p) => {
    const snapshot = snapshotOf();
    const path = pathOf(p.textDocument.uri);
    // Complete against what is typed now, even if the analysis is a keystroke behind.
    const text = documents.get(p.textDocument.uri)?.getText() ?? snapshot.text(path) ?? '';
    return completionsAt(snapshot, path, offsetIn(text, p.position), text);
  });
  connection.onHover((p) => {
    const { snapshot, path, offset } = at(p.textDocument.uri, p.position);
    return hoverAt(snapshot, path, offset);
  });
  connection.onCodeLens((p) => codeLenses(snapshotOf(), pathOf(p.textDocument.uri)));
  connection.onDocumentSymbol((p) => documentSymbols(snapshotOf(), pathOf(p.textDocument.uri)));
  connection.onCodeAction((p) => {
    const snapshot = snapshotOf();
    const path = pathOf(p.textDocument.uri);
    const only = p.context.only;
    if (only && only.length && only.every((k) => k.startsWith('source'))) {
      const fixAll = only.some((k) => FIX_ALL_KIND.startsWith(k)) ? fixAllAction(snapshot, path) : undefined;
      return fixAll ? [fixAll] : [];
    }
    return codeActions(snapshot, path, p.range, p.context.diagnostics);
  });
  // The extension's views (issue 4): the mesh map and the workspace mesh tree.
  connection.onRequest(MeshMapRequest.type, (p) => meshMapOf(snapshotOf(), p ?? {}));
  connection.onRequest(WorkspaceMeshRequest.type, () => workspaceMeshOf(snapshotOf()));
}
