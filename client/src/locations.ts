import * as vscode from 'vscode';
import type { ResourceLocation } from '../../protocol/src/location';

/** Opens the file of a location and selects the range (the resource the server blames). */
export async function revealLocation(location: ResourceLocation, options: { preserveFocus?: boolean; viewColumn?: vscode.ViewColumn } = {}): Promise<void> {
  const r = location.range;
  const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(location.uri));
  await vscode.window.showTextDocument(doc, { selection: range, preserveFocus: options.preserveFocus ?? false, viewColumn: options.viewColumn ?? vscode.ViewColumn.One });
}
