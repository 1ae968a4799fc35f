import { allTlsBlocks, type DestinationRuleObject, type TlsBlock, type TrafficPolicy } from '../model/kinds/destinationRule';
import { hasMutualCredentials } from '../semantics/clientTls';
import { at, type Finding } from './finding';
import type { RuleContext, RuleSet } from './ruleContext';
import { nameText } from './quoteValue';

/** §B6/§B7: port entries without tls under a level whose tls.mode is set (a subset inherits the top level's). */
function portSettingsDropTls(dr: DestinationRuleObject, tp: TrafficPolicy | undefined, where: string, inherited?: TlsBlock): Finding[] {
  const parent = tp?.tls ?? inherited;
  if (!tp || !parent?.modeGiven) return [];
  return tp.portLevel
    .filter((p) => !p.tls)
    .map((p) => ({
      rule: 'port-settings-drop-tls',
      message: `This portLevelSettings entry${p.port !== undefined ? ` for port ${p.port}` : ''} has no tls, and a port-level entry replaces the ${where} policy wholesale: that port uses auto mTLS, not ${parent.mode}. Repeat the tls block here if the mode matters for this port.`,
      anchor: at(dr.resource, p.path),
      related: [],
    }));
}

/** Rules that judge a DestinationRule `tls` block on its own text (§B6, §B8, §B9). */
export const destinationRuleTextRules: RuleSet = {
  name: 'destination-rule-text',
  ids: ['empty-tls-means-disable', 'tls-skips-verification', 'mutual-without-credentials', 'port-settings-drop-tls'],
  map(ctx: RuleContext, namespace: string) {
    const out: Finding[] = [];
    for (const dr of ctx.model.namespace(namespace).destinationRules) {
      for (const tls of allTlsBlocks(dr)) {
        if (!tls.modeGiven) {
          out.push({
            rule: 'empty-tls-means-disable',
            message: 'This tls block has no mode, and DISABLE is the enum default: clients send plaintext here, not mTLS. Set mode: ISTIO_MUTUAL (or remove the block to keep auto mTLS).',
            anchor: at(dr.resource, tls.path, 'key'),
            related: [],
          });
        }
        if ((tls.mode === 'SIMPLE' || tls.mode === 'MUTUAL') && tls.insecureSkipVerify) {
          out.push({
            rule: 'tls-skips-verification',
            message: `insecureSkipVerify: true on ${tls.mode} TLS: the client accepts any server certificate, so the connection is encrypted but the server is not authenticated (a man in the middle goes unnoticed). Set caCertificates instead.`,
            anchor: at(dr.resource, [...tls.path, 'insecureSkipVerify'], 'key'),
            related: [],
          });
        }
        if (tls.mode === 'MUTUAL' && !hasMutualCredentials(tls)) {
          out.push({
            rule: 'mutual-without-credentials',
            message: 'MUTUAL TLS needs clientCertificate and privateKey, or credentialName: Istio rejects this block ("client certificate required for mutual tls"), and if it gets in, no TLS context is attached and the sidecar sends plaintext.',
            anchor: at(dr.resource, tls.path, 'key'),
            related: [],
          });
        }
      }
      out.push(...portSettingsDropTls(dr, dr.trafficPolicy, 'top-level'));
      for (const s of dr.subsets) out.push(...portSettingsDropTls(dr, s.trafficPolicy, `subset ${nameText(s.name)}`, dr.trafficPolicy?.tls));
    }
    return out;
  },
};
