/**
 * @kubernetes/client-node is an ES module; the extension is a CommonJS bundle. It is loaded with
 * import() on first use (esbuild bundles it and keeps it lazy), so activation never pays for it.
 * Only the three modules the view uses are imported: the package index re-exports every generated
 * API model, which would make the bundle eight times larger (16 MB instead of 2 MB).
 */
type Module<Path extends string> = Path extends 'config' ? typeof import('@kubernetes/client-node/dist/config.js', { with: { 'resolution-mode': 'import' } })
  : Path extends 'portforward' ? typeof import('@kubernetes/client-node/dist/portforward.js', { with: { 'resolution-mode': 'import' } })
  : typeof import('@kubernetes/client-node/dist/exec.js', { with: { 'resolution-mode': 'import' } });

export interface ClientNode {
  readonly KubeConfig: Module<'config'>['KubeConfig'];
  readonly PortForward: Module<'portforward'>['PortForward'];
  readonly Exec: Module<'exec'>['Exec'];
}

export type KubeConfig = InstanceType<ClientNode['KubeConfig']>;

let loaded: Promise<ClientNode> | undefined;

export function clientNode(): Promise<ClientNode> {
  loaded ??= Promise.all([
    import('@kubernetes/client-node/dist/config.js'),
    import('@kubernetes/client-node/dist/portforward.js'),
    import('@kubernetes/client-node/dist/exec.js'),
  ]).then(([config, portforward, exec]) => ({ KubeConfig: config.KubeConfig, PortForward: portforward.PortForward, Exec: exec.Exec }));
  return loaded;
}
