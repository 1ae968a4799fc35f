import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EditorSnapshot } from '../features/editorSnapshot';

/**
 * Wires the editor features (pure services of features/) to LSP requests. Each handler asks the
 * current snapshot (analysing first if a change is pending) and converts positions.
 */
export function registerFeatures(
  _connection: Connection,
  _documents: TextDocuments<TextDocument>,
  _snapshot: () => EditorSnapshot,
  _pathOf: (uri: string) => string,
): void {
  // Hover, code actions, code lens, definition, references, completion and symbols are wired
  // here as their services land.
}
