/// <reference types="vscode" />
// Runs inside VS Code's extension host (test/electron/runTests.mjs): activation, diagnostics on a
// fixture, hover, and a quick fix applied through vscode.commands.executeCommand.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'istio-mtls-doctor.istio-mtls-doctor';

async function until<T>(what: string, get: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function fileUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder: runTests.mjs opens the e2e fixture');
  return vscode.Uri.joinPath(folder.uri, name);
}

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'istio-mtls-doctor');

const tests: Array<[string, () => Promise<void>]> = [
  ['the extension activates on a YAML workspace', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    await ext.activate();
    assert.equal(ext.isActive, true);
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['istioMtlsDoctor.restartServer', 'istioMtlsDoctor.openMeshMap']) assert.ok(commands.includes(c), c);
  }],
  ['a DestinationRule that sends plaintext to a STRICT namespace gets plaintext-to-strict', async () => {
    const uri = fileUri('cart-destination-rule.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const d = await until('the diagnostic', () => ours(uri).find((x) => String(typeof x.code === 'object' ? x.code.value : x.code) === 'plaintext-to-strict'));
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /send plaintext to cart\.shop:8080/);
  }],
  ['hovering the tls block explains the outcome', async () => {
    const uri = fileUri('cart-destination-rule.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    const line = doc.getText().split('\n').findIndex((l) => l.trim() === 'tls:');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, 5));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /DestinationRule/);
    assert.match(text, /fails/);
  }],
  ['the ISTIO_MUTUAL quick fix removes the error', async () => {
    const uri = fileUri('cart-destination-rule.yaml');
    const d = ours(uri)[0];
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title.includes('ISTIO_MUTUAL'));
    assert.ok(fix?.edit, `an ISTIO_MUTUAL fix among ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.match(doc.getText(), /mode: ISTIO_MUTUAL/);
    await until('the error to go away', () => (ours(uri).length === 0 ? true : undefined));
  }],
];

/** Called by @vscode/test-electron. */
export async function run(): Promise<void> {
  let failed = 0;
  for (const [name, fn] of tests) {
    try {
      await fn();
      console.log(`✔ ${name}`);
    } catch (e) {
      failed++;
      console.error(`✖ ${name}\n${e instanceof Error ? e.stack : String(e)}`);
    }
  }
  console.log(`${tests.length - failed} passed, ${failed} failed`);
  if (failed) throw new Error(`${failed} of ${tests.length} electron tests failed`);
}
