import { allTlsBlocks, CLIENT_TLS_MODES } from '../model/kinds/destinationRule';
import { PEER_AUTHN_MODES, type ModeSetting } from '../model/kinds/peerAuthentication';
import type { Resource } from '../model/resource';
import { get } from '../model/read';
import { at, type Finding } from './finding';
import { quoteValue } from './quoteValue';
import type { RuleContext, RuleSet } from './ruleContext';

function suggestion(value: unknown, valid: readonly string[]): string {
  if (typeof value !== 'string') return '';
  const upper = value.toUpperCase().replace(/-/g, '_');
  return valid.includes(upper) ? ` Did you mean ${upper}? Values are case-sensitive.` : '';
}

/** Enum values of PeerAuthentication (§A5) and DestinationRule tls (§B8) modes. */
export const invalidModeRules: RuleSet = {
  name: 'invalid-mtls-mode',
  ids: ['invalid-mtls-mode'],
  map(ctx: RuleContext, namespace: string) {
    const out: Finding[] = [];
    const report = (resource: Resource, path: readonly (string | number)[], valid: readonly string[], what: string) => {
      const value = get(resource.body, path);
      out.push({
        rule: 'invalid-mtls-mode',
        message: `${quoteValue(value)} is not a ${what} mode (${valid.join(', ')}): Istio rejects the resource, so the mode you meant is not in force.${suggestion(value, valid)}`,
        anchor: at(resource, path),
        related: [],
      });
    };
    const paMode = (resource: Resource, m: ModeSetting) => {
      if (m.value === 'INVALID' && m.path) report(resource, m.path, PEER_AUTHN_MODES, 'PeerAuthentication');
    };
    const bucket = ctx.model.namespace(namespace);
    for (const pa of bucket.peerAuthentications) {
      paMode(pa.resource, pa.mode);
      for (const e of pa.portLevel) paMode(pa.resource, e.mode);
    }
    for (const dr of bucket.destinationRules) {
      for (const tls of allTlsBlocks(dr)) if (tls.mode === 'INVALID') report(dr.resource, [...tls.path, 'mode'], CLIENT_TLS_MODES, 'DestinationRule tls');
    }
    return out;
  },
};
