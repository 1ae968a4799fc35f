import * as vscode from 'vscode';

/**
 * Restricted Mode (`capabilities.untrustedWorkspaces: limited`): the analysis of the workspace's
 * files runs, but nothing that reaches a cluster or runs a program. Commands that do call
 * `requireTrust` first; their menu entries use the `isWorkspaceTrusted` context key.
 */
export function isTrusted(): boolean {
  return vscode.workspace.isTrusted;
}

/** True when trusted; otherwise explains why `what` is disabled and returns false. */
export function requireTrust(what: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window
    .showWarningMessage(`${what} is disabled in Restricted Mode: it connects to a cluster with your kubeconfig credentials. Trust this workspace to use it; the analysis of the files works without it.`, 'Manage Workspace Trust')
    .then((pick) => {
      if (pick) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  return false;
}

export const TRUSTED_WHEN = 'isWorkspaceTrusted';
