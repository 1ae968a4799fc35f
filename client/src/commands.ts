import * as vscode from 'vscode';
import type { ResourceLocation } from '../../protocol/src/location';
import type { MeshDoctorContext } from './context';
import { revealLocation } from './locations';
import { MeshMapPanel } from './meshMap/meshMapPanel';
import type { WorkspaceMeshTree } from './workspaceMesh/workspaceMeshTree';

export interface Views {
  readonly workspaceMesh: WorkspaceMeshTree;
}

type CommandFactory = (ctx: MeshDoctorContext, views: Views) => (...args: never[]) => unknown;

/** Every command of the extension, by id (package.json `contributes.commands` lists the same ids). */
export const COMMANDS: Record<string, CommandFactory> = {
  'istioMtlsDoctor.restartServer': (ctx) => async () => {
    await ctx.restart();
    void vscode.window.setStatusBarMessage('Istio mTLS Doctor: server restarted', 3000);
  },
  'istioMtlsDoctor.showOutput': (ctx) => () => ctx.output.show(true),
  'istioMtlsDoctor.openMeshMap': (ctx) => () => MeshMapPanel.show(ctx),
  'istioMtlsDoctor.refreshWorkspaceMesh': (_ctx, views) => () => views.workspaceMesh.refresh(),
  'istioMtlsDoctor.revealLocation': () => (location: ResourceLocation) => revealLocation(location),
};

export function registerCommands(ctx: MeshDoctorContext, views: Views): void {
  for (const [id, factory] of Object.entries(COMMANDS)) ctx.push(vscode.commands.registerCommand(id, factory(ctx, views)));
}
