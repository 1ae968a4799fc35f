import type { ClientTlsMode, TlsBlock, TrafficPolicy } from '../model/kinds/destinationRule';
import type { MergedDestinationRule } from './destinationRuleIndex';

/** Where the settings in force came from (§B6, §B7). */
export type SettingLevel = 'top' | 'port' | 'subset' | 'subset-port' | 'none';

export interface TlsInForce {
  /** The `tls` block in force; undefined means auto mTLS (§B10). */
  readonly tls?: TlsBlock;
  readonly level: SettingLevel;
  /**
   * §B11 `drMode`: the mode the endpoint builder reads, which falls back to the top-level
   * `tls` even where the cluster itself uses auto mTLS. undefined when no level sets tls.
   */
  readonly edsMode?: ClientTlsMode | 'INVALID';
}

function portEntry(tp: TrafficPolicy | undefined, svcPort: number) {
  return tp?.portLevel.find((p) => p.port === svcPort);
}

/**
 * §B6 (default cluster) and §B7 (subset cluster, used only when a route sends traffic to it):
 * the `tls` block in force for a Service port.
 */
export function tlsInForce(rule: MergedDestinationRule, svcPort: number, subsetName?: string): TlsInForce {
  const tp = rule.trafficPolicy;
  const basePort = portEntry(tp, svcPort);
  const baseTls = basePort ? basePort.tls : tp?.tls;
  const baseLevel: SettingLevel = basePort ? 'port' : tp?.tls ? 'top' : 'none';
  const drLevelMode = (basePort?.tls ?? tp?.tls)?.mode;
  const subset = subsetName === undefined ? undefined : rule.subsets.get(subsetName)?.subset;
  const stp = subset?.trafficPolicy;
  if (stp) {
    const subPort = portEntry(stp, svcPort);
    const edsMode = subPort?.tls?.mode ?? stp.tls?.mode ?? drLevelMode;
    const withMode = <T extends object>(t: T) => (edsMode ? { ...t, edsMode } : t);
    if (subPort) return withMode(subPort.tls ? { tls: subPort.tls, level: 'subset-port' as const } : { level: 'subset-port' as const });
    if (stp.tls) return withMode({ tls: stp.tls, level: 'subset' as const });
  }
  const result: TlsInForce = baseTls ? { tls: baseTls, level: baseLevel } : { level: baseLevel };
  return drLevelMode ? { ...result, edsMode: drLevelMode } : result;
}
