import * as vscode from 'vscode';
import type { MeshDoctorContext, ServerState } from './context';
import { DIAGNOSTIC_SOURCE } from './languageClient';
import { statusView } from './statusBarText';

const COMMANDS = { problems: 'workbench.actions.view.problems', restart: 'istioMtlsDoctor.restartServer', output: 'istioMtlsDoctor.showOutput' } as const;

/** Counts the diagnostics this extension's server published, across the workspace. */
export function countDiagnostics(): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const d of diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
    }
  }
  return { errors, warnings };
}

/** Indexing progress, then the error and warning counts; a click opens the Problems view. */
export function registerStatusBar(ctx: MeshDoctorContext): void {
  const item = vscode.window.createStatusBarItem('istioMtlsDoctor.status', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Istio mTLS Doctor';
  let server: ServerState = 'starting';
  let indexing: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  const render = () => {
    const v = statusView({ server, ...(indexing !== undefined ? { indexing } : {}), ...countDiagnostics() });
    item.text = v.text;
    item.tooltip = v.tooltip;
    item.command = COMMANDS[v.command];
    item.backgroundColor = v.background ? new vscode.ThemeColor(`statusBarItem.${v.background}Background`) : undefined;
    item.accessibilityInformation = { label: v.tooltip.replace(/\$\([^)]*\)/g, '') };
    item.show();
  };
  const soon = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      render();
    }, 100);
  };
  ctx.push(
    item,
    { dispose: () => timer && clearTimeout(timer) },
    vscode.languages.onDidChangeDiagnostics(soon),
    ctx.onServerState((s) => {
      server = s;
      if (s !== 'running') indexing = undefined;
      render();
    }),
    ctx.onProgress((p) => {
      if (p.kind === 'end') indexing = undefined;
      else indexing = p.message ?? (p.percentage !== undefined ? `${p.percentage}%` : indexing ?? '');
      render();
    }),
    ctx.onModelChanged(soon),
  );
  render();
}
