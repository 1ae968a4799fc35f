// For the e2e suite (code-server screenshot): the demo mesh on a stand-in API, with certificates
// built around the real clock, and a kubeconfig pointing at it. Set KUBECONFIG to `kubeconfig`
// before the editor starts; call close() afterwards.
import { demoMesh } from '../support/demoMesh';
import { startKubeApiStandIn, type KubeApiStandIn } from './kubeApiStandIn';
import { writeKubeconfig } from './kubeconfigFile';

export interface DemoStandIn {
  readonly api: KubeApiStandIn;
  readonly kubeconfig: string;
  close(): Promise<void>;
}

export async function startDemoStandIn(dir?: string): Promise<DemoStandIn> {
  const api = await startKubeApiStandIn(demoMesh(new Date()));
  const kubeconfig = writeKubeconfig(api, dir ? { dir } : {});
  return { api, kubeconfig, close: () => api.close() };
}
