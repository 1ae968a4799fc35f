import { at, type Finding } from './finding';
import type { RuleContext, RuleSet } from './ruleContext';

/** §F3: authentication.istio.io/v1alpha1 Policy and MeshPolicy were removed in Istio 1.6. */
export const removedAuthenticationApiRules: RuleSet = {
  name: 'removed-authentication-api',
  ids: ['removed-authentication-api'],
  map(ctx: RuleContext, namespace: string) {
    const out: Finding[] = [];
    for (const r of ctx.model.namespace(namespace).resources) {
      if (r.group !== 'authentication.istio.io' || (r.kind !== 'Policy' && r.kind !== 'MeshPolicy')) continue;
      out.push({
        rule: 'removed-authentication-api',
        message: `${r.apiVersion} ${r.kind} was replaced by PeerAuthentication in Istio 1.5 and removed in 1.6: current clusters reject it (no CRD) or ignore it, so it enforces nothing. Use a security.istio.io/v1 PeerAuthentication${r.kind === 'MeshPolicy' ? ' in the root namespace' : ''}.`,
        anchor: at(r, ['apiVersion']),
        related: [],
      });
    }
    return out;
  },
};
