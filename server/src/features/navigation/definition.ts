import type { Location } from 'vscode-languageserver';
import { asString, asStringList, get, type Path } from '../../model/read';
import type { MeshModel } from '../../model/meshModel';
import { selectedBy } from '../../semantics/destinations';
import { workloadsOfPolicy } from '../../semantics/authorization';
import type { EditorSnapshot } from '../editorSnapshot';
import { resourceAt, type ResourceAtPosition } from '../locate';
import { hostTargets } from './hostTargets';
import { identityTargets, principalMatcher, serviceAccountMatcher, type IdentityMatcher } from './identityTargets';
import { matching, selectorTargets, type SelectorSite } from './selectorTargets';
import { locationsOf, nameTarget, startsWith, type Target } from './targets';

/**
 * Go to definition: from a host to the Services / ServiceEntries it names (§B1, §B2), from a
 * selector to the workloads it matches (§A1, §B4, §D2), from a principal or service account to
 * the ServiceAccount (§D3, §D5, §D6). Nothing elsewhere.
 */
export function definitionAt(snapshot: EditorSnapshot, path: string, offset: number): Location[] {
  const file = snapshot.file(path);
  if (!file) return [];
  const at = resourceAt(snapshot.result, file, offset);
  return at ? locationsOf(snapshot, definitionTargets(at)) : [];
}

export function definitionTargets(at: ResourceAtPosition): Target[] {
  const model = at.context.model;
  const r = at.resource;
  const p = at.path;
  const nsPool = (ns: string) => model.workloadsByNamespace.get(ns) ?? [];
  switch (r.kind) {
    case 'DestinationRule': {
      const dr = model.destinationRules.find((d) => d.resource === r);
      if (!dr) return [];
      if (startsWith(p, ['spec', 'host'])) return hostTargets(model, dr.host, dr.namespace);
      const labels = dr.workloadSelector?.matchLabels ?? {};
      // §B4: a workloadSelector picks the client proxies of its own namespace.
      return selectorAt(p, { blockPath: ['spec', 'workloadSelector'], labelsPath: ['spec', 'workloadSelector', 'matchLabels'], labels, matched: matching(nsPool(dr.namespace), labels) });
    }
    case 'VirtualService': {
      const vs = model.virtualServices.find((v) => v.resource === r);
      if (!vs) return [];
      const dest = vs.destinations.find((d) => startsWith(p, [...d.path, 'host']));
      if (dest) return hostTargets(model, dest.host, vs.namespace);
      const host = p.length === 3 && startsWith(p, ['spec', 'hosts']) ? asString(get(r.body, p)) : undefined;
      return host ? hostTargets(model, host, vs.namespace) : [];
    }
    case 'PeerAuthentication': {
      const pa = model.peerAuthentications.find((x) => x.resource === r);
      const labels = pa?.selector?.matchLabels ?? {};
      // §A1: the candidate workloads of a policy are those of its namespace.
      return pa ? selectorAt(p, { blockPath: ['spec', 'selector'], labelsPath: ['spec', 'selector', 'matchLabels'], labels, matched: matching(nsPool(pa.namespace), labels) }) : [];
    }
    case 'AuthorizationPolicy': {
      const ap = model.authorizationPolicies.find((x) => x.resource === r);
      if (!ap) return [];
      const identities = identityValueAt(model, ap.namespace, r.body, p);
      if (identities) return identityTargets(model, identities);
      // §D2: a root-namespace policy selects across namespaces.
      const site: SelectorSite = { blockPath: ['spec', 'selector'], labelsPath: ['spec', 'selector', 'matchLabels'], labels: ap.selector?.matchLabels ?? {}, matched: workloadsOfPolicy(model, ap, at.context.sem.rootNamespace) };
      return selectorAt(p, site);
    }
    case 'Service': {
      const svc = model.services.find((s) => s.resource === r);
      if (!svc) return [];
      const labels = svc.selector ?? {};
      return selectorAt(p, { blockPath: ['spec', 'selector'], labelsPath: ['spec', 'selector'], labels, matched: svc.selector ? selectedBy(model, svc.namespace, labels) : [] });
    }
    case 'ServiceEntry': {
      const se = model.serviceEntries.find((s) => s.resource === r);
      if (!se) return [];
      const labels = se.workloadSelector ?? {};
      return selectorAt(p, { blockPath: ['spec', 'workloadSelector'], labelsPath: ['spec', 'workloadSelector', 'labels'], labels, matched: se.workloadSelector ? selectedBy(model, se.namespace, labels) : [] });
    }
    default: {
      const w = model.workloads.find((x) => x.resource === r);
      if (!w) return [];
      const spec = w.kind === 'WorkloadEntry' ? ['spec'] : [...w.templatePath, 'spec'];
      const onAccount = ['serviceAccountName', 'serviceAccount'].some((k) => startsWith(p, [...spec, k]) && p.length === spec.length + 1);
      if (!onAccount) return [];
      const accounts = model.serviceAccounts.filter((sa) => sa.namespace === w.namespace && sa.name === w.serviceAccount);
      return accounts.map((sa) => nameTarget(sa.resource));
    }
  }
}

function selectorAt(cursor: Path, site: SelectorSite): Target[] {
  return startsWith(cursor, site.blockPath) ? selectorTargets(site, cursor) : [];
}

const PRINCIPAL_FIELDS = new Set(['principals', 'notPrincipals']);
const ACCOUNT_FIELDS = new Set(['serviceAccounts', 'notServiceAccounts']);

/**
 * The identity matcher for an AuthorizationPolicy value under the cursor: a `source.principals`
 * / `serviceAccounts` entry (or the whole list when on its key), or a `when` value of
 * `source.principal`.
 */
function identityValueAt(model: MeshModel, namespace: string, body: unknown, p: Path): IdentityMatcher | undefined {
  const anyOf = (matchers: IdentityMatcher[]): IdentityMatcher | undefined =>
    matchers.length ? (id) => matchers.some((m) => m(id)) : undefined;
  const values = (listPath: Path) => (p.length > listPath.length ? [asString(get(body, p)) ?? ''] : asStringList(get(body, listPath)));
  if (p.length >= 7 && p[0] === 'spec' && p[1] === 'rules' && p[3] === 'from' && p[5] === 'source') {
    const field = String(p[6]);
    const listPath = p.slice(0, 7);
    if (PRINCIPAL_FIELDS.has(field)) return anyOf(values(listPath).map((v) => principalMatcher(v, model.mesh)));
    if (ACCOUNT_FIELDS.has(field)) return anyOf(values(listPath).map((v) => serviceAccountMatcher(v, namespace)));
  }
  if (p.length >= 6 && p[0] === 'spec' && p[1] === 'rules' && p[3] === 'when' && (p[5] === 'values' || p[5] === 'notValues')) {
    if (asString(get(body, [...p.slice(0, 5), 'key'])) !== 'source.principal') return undefined;
    return anyOf(values(p.slice(0, 6)).map((v) => principalMatcher(v, model.mesh)));
  }
  return undefined;
}
