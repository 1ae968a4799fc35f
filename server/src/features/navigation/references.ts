import type { Location } from 'vscode-languageserver';
import type { Workload } from '../../model/kinds/workload';
import type { ServiceObject } from '../../model/kinds/service';
import { asArray, asString, get, type Path } from '../../model/read';
import type { AnalyzedContext } from '../../workspace/analyzeWorkspace';
import { workloadsOfPolicy } from '../../semantics/authorization';
import { hostCovers, resolveShortHost, serviceHost } from '../../semantics/hosts';
import { selectorMatches } from '../../semantics/labelMatch';
import type { EditorSnapshot } from '../editorSnapshot';
import { resourceAt } from '../locate';
import { principalMatcher, serviceAccountMatcher, workloadsRunningAs, type Identity } from './identityTargets';
import { locationsOf, nameTarget, NAME_PATH, startsWith, workloadServiceAccountTarget, type Target } from './targets';

/**
 * Find references. From a workload (its metadata.name or its labels): the PeerAuthentications
 * that decide its mode (§A5), the AuthorizationPolicies that apply to it (§D2), the
 * DestinationRules whose host covers its Services (§B1, §B2) and the Services / ServiceEntries
 * that select it. From a Service's name: the DestinationRules covering it and the VirtualService
 * routes to it. From a ServiceAccount's name: the workloads running as it and the
 * AuthorizationPolicy values that name it (§D3, §D5, §D6).
 */
export function referencesAt(snapshot: EditorSnapshot, path: string, offset: number, includeDeclaration = false): Location[] {
  const file = snapshot.file(path);
  if (!file) return [];
  const at = resourceAt(snapshot.result, file, offset);
  if (!at) return [];
  const { model } = at.context;
  const declaration = includeDeclaration ? [nameTarget(at.resource)] : [];
  const workload = model.workloads.find((w) => w.resource === at.resource);
  if (workload && onWorkloadIdentity(workload, at.path)) return locationsOf(snapshot, [...declaration, ...workloadReferences(at.context, workload)]);
  if (!startsWith(at.path, NAME_PATH)) return [];
  const svc = model.services.find((s) => s.resource === at.resource);
  if (svc) return locationsOf(snapshot, [...declaration, ...serviceReferences(at.context, svc)]);
  const sa = model.serviceAccounts.find((s) => s.resource === at.resource);
  if (sa) return locationsOf(snapshot, [...declaration, ...accountReferences(at.context, { namespace: sa.namespace, serviceAccount: sa.name })]);
  return [];
}

/** metadata.name, or the labels a selector would read (pod template labels, WorkloadEntry spec.labels). */
function onWorkloadIdentity(w: Workload, p: Path): boolean {
  const labels: Path = w.kind === 'WorkloadEntry' ? ['spec', 'labels'] : [...w.templatePath, 'metadata', 'labels'];
  return startsWith(p, NAME_PATH) || startsWith(p, labels) || startsWith(p, ['metadata', 'labels']);
}

export function workloadReferences(context: AnalyzedContext, w: Workload): Target[] {
  const { model, sem } = context;
  const out: Target[] = [];
  // §A5: the mesh, namespace and workload policies in the chain (a port-level entry lives on the workload policy).
  for (const step of sem.serverMode(w, undefined).chain) out.push(nameTarget(step.policy.resource));
  for (const ap of model.authorizationPolicies) {
    if (workloadsOfPolicy(model, ap, sem.rootNamespace).includes(w)) out.push(nameTarget(ap.resource));
  }
  const services = model.services.filter((s) => s.namespace === w.namespace && s.selector && selectorMatches(s.selector, w.labels));
  const entries = model.serviceEntries.filter((se) => se.namespace === w.namespace && se.workloadSelector && selectorMatches(se.workloadSelector, w.labels));
  const hosts = [...services.map((s) => serviceHost(s.name, s.namespace)), ...entries.flatMap((se) => se.hosts)];
  out.push(...rulesCovering(context, hosts));
  out.push(...services.map((s) => nameTarget(s.resource)), ...entries.map((se) => nameTarget(se.resource)));
  return out;
}

function rulesCovering(context: AnalyzedContext, hosts: readonly string[]): Target[] {
  return context.model.destinationRules
    .filter((dr) => {
      const ruleHost = resolveShortHost(dr.host, dr.namespace);
      return ruleHost !== '' && hosts.some((h) => hostCovers(ruleHost, h));
    })
    .map((dr) => nameTarget(dr.resource));
}

function serviceReferences(context: AnalyzedContext, svc: ServiceObject): Target[] {
  const host = serviceHost(svc.name, svc.namespace);
  const routes: Target[] = [];
  for (const vs of context.model.virtualServices) {
    for (const d of vs.destinations) {
      if (resolveShortHost(d.host, vs.namespace) === host) routes.push({ resource: vs.resource, path: [...d.path, 'host'] });
    }
  }
  return [...rulesCovering(context, [host]), ...routes];
}

function accountReferences(context: AnalyzedContext, id: Identity): Target[] {
  const { model } = context;
  const out: Target[] = workloadsRunningAs(model, id).map(workloadServiceAccountTarget);
  for (const ap of model.authorizationPolicies) {
    const body = ap.resource.body;
    // Raw list indices, so that a path points at the element as written.
    const take = (listPath: Path, matches: (value: string) => boolean) => {
      asArray(get(body, listPath)).forEach((v, i) => {
        const text = asString(v);
        if (text !== undefined && matches(text)) out.push({ resource: ap.resource, path: [...listPath, i] });
      });
    };
    for (const rule of ap.rules) {
      for (const source of rule.from) {
        for (const field of ['principals', 'notPrincipals']) take([...source.path, field], (v) => principalMatcher(v, model.mesh)(id));
        for (const field of ['serviceAccounts', 'notServiceAccounts']) take([...source.path, field], (v) => serviceAccountMatcher(v, ap.namespace)(id));
      }
      for (const c of rule.when) {
        if (c.key !== 'source.principal') continue;
        for (const list of ['values', 'notValues']) take([...c.path, list], (v) => principalMatcher(v, model.mesh)(id));
      }
    }
  }
  return out;
}
