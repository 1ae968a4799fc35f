import type { Resource } from '../model/resource';
import { asArray, asMap, get, type Path } from '../model/read';
import { at, type Finding } from './finding';
import { quoteValue } from './quoteValue';
import type { RuleContext, RuleSet } from './ruleContext';

const TLS = ['mode', 'clientCertificate', 'privateKey', 'caCertificates', 'credentialName', 'subjectAltNames', 'sni', 'insecureSkipVerify', 'caCrl'];
const TRAFFIC_POLICY = ['loadBalancer', 'connectionPool', 'outlierDetection', 'tls', 'portLevelSettings', 'tunnel', 'proxyProtocol', 'retryBudget'];
const PORT_SETTINGS = ['port', 'loadBalancer', 'connectionPool', 'outlierDetection', 'tls'];
const SUBSET = ['name', 'labels', 'trafficPolicy'];
const SOURCE = [
  'principals', 'notPrincipals', 'requestPrincipals', 'notRequestPrincipals', 'namespaces', 'notNamespaces',
  'serviceAccounts', 'notServiceAccounts', 'trustDomains', 'notTrustDomains', 'ipBlocks', 'notIpBlocks', 'remoteIpBlocks', 'notRemoteIpBlocks',
];
const OPERATION = ['hosts', 'notHosts', 'ports', 'notPorts', 'methods', 'notMethods', 'paths', 'notPaths'];
const CONDITION = ['key', 'values', 'notValues'];
const MTLS = ['mode'];
const SELECTOR = ['matchLabels'];

function closest(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase().replace(/[_-]/g, '');
  // Two edits cannot bridge a longer length difference (and a huge key costs nothing here).
  return known.find((k) => k.toLowerCase() === lower) ?? known.find((k) => Math.abs(k.length - lower.length) <= 2 && editDistance(k.toLowerCase(), lower) <= 2);
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length][b.length];
}

/** Typos in security blocks are silently pruned by the API server: the setting disappears. */
export const unknownFieldRules: RuleSet = {
  name: 'unknown-field',
  ids: ['unknown-field'],
  map(ctx: RuleContext, namespace: string) {
    const bucket = ctx.model.namespace(namespace);
    const out: Finding[] = [];
    const check = (resource: Resource, path: Path, known: readonly string[], block: string) => {
      const map = asMap(get(resource.body, path));
      if (!map) return;
      for (const key of Object.keys(map)) {
        if (known.includes(key)) continue;
        const guess = closest(key, known);
        out.push({
          rule: 'unknown-field',
          message: `${quoteValue(key)} is not a field of ${block}${guess ? ` (did you mean "${guess}"?)` : ''}: the API server drops unknown fields, so this setting silently has no effect.`,
          anchor: at(resource, [...path, key], 'key'),
          related: [],
        });
      }
    };
    const trafficPolicy = (r: Resource, path: Path) => {
      check(r, path, TRAFFIC_POLICY, 'trafficPolicy');
      check(r, [...path, 'tls'], TLS, 'a tls block');
      asArray(get(r.body, [...path, 'portLevelSettings'])).forEach((_, i) => {
        check(r, [...path, 'portLevelSettings', i], PORT_SETTINGS, 'portLevelSettings');
        check(r, [...path, 'portLevelSettings', i, 'tls'], TLS, 'a tls block');
      });
    };
    for (const pa of bucket.peerAuthentications) {
      const r = pa.resource;
      check(r, ['spec', 'mtls'], MTLS, 'mtls');
      check(r, ['spec', 'selector'], SELECTOR, 'selector');
      for (const e of pa.portLevel) check(r, e.path, MTLS, 'a portLevelMtls entry');
    }
    for (const dr of bucket.destinationRules) {
      const r = dr.resource;
      trafficPolicy(r, ['spec', 'trafficPolicy']);
      asArray(get(r.body, ['spec', 'subsets'])).forEach((_, i) => {
        check(r, ['spec', 'subsets', i], SUBSET, 'a subset');
        trafficPolicy(r, ['spec', 'subsets', i, 'trafficPolicy']);
      });
    }
    for (const ap of bucket.authorizationPolicies) {
      const r = ap.resource;
      check(r, ['spec', 'selector'], SELECTOR, 'selector');
      for (const rule of ap.rules) {
        for (const s of rule.from) check(r, s.path, SOURCE, 'source');
        for (const o of rule.to) check(r, o.path, OPERATION, 'operation');
        for (const c of rule.when) check(r, c.path, CONDITION, 'a when condition');
      }
    }
    return out;
  },
};
