// Builds pod analysis inputs from generated certificates (no cluster involved).
import type { PodAnalysisInput } from '../../../client/src/cluster/analysis/podCertificateAnalysis';
import { readConfigDumpSecrets } from '../../../client/src/cluster/envoy/configDumpSecrets';
import { configDumpJson } from '../standin/envoyAdminStandIn';
import type { StandInSecret } from '../standin/standinCluster';
import { NOW } from './meshPki';

export function podInput(secrets: readonly StandInSecret[], over: Partial<PodAnalysisInput> = {}): PodAnalysisInput {
  return {
    pod: { namespace: 'shop', name: 'cart-1', serviceAccount: 'cart' },
    dump: readConfigDumpSecrets(configDumpJson(secrets)),
    mesh: { trustDomain: 'cluster.local', trustDomainAliases: [] },
    now: NOW,
    caWarningDays: 30,
    ...over,
  };
}
