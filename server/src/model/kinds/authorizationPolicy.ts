import type { Resource } from '../resource';
import { asArray, asMap, asString, asStringList, has, setOwn, type JsonMap, type Path } from '../read';
import { readSelector, type Selector } from './labels';

export interface AuthzSource {
  readonly path: Path;
  readonly raw: JsonMap;
  /** Field name -> values (only list-of-string fields; wrong types read as empty). */
  readonly fields: Readonly<Record<string, readonly string[]>>;
}

export interface AuthzOperation {
  readonly path: Path;
  readonly raw: JsonMap;
  readonly ports: readonly string[];
  readonly notPorts: readonly string[];
}

export interface AuthzCondition {
  readonly path: Path;
  readonly raw: JsonMap;
  readonly key: string;
  readonly values: readonly string[];
  readonly notValues: readonly string[];
}

export interface AuthzRule {
  readonly path: Path;
  readonly from: readonly AuthzSource[];
  readonly to: readonly AuthzOperation[];
  readonly when: readonly AuthzCondition[];
}

export interface AuthorizationPolicyObject {
  readonly resource: Resource;
  readonly namespace: string;
  readonly name: string;
  readonly selector?: Selector;
  /** `targetRef` / `targetRefs` set: the policy attaches to gateways or waypoints, not sidecars (§D2). */
  readonly hasTargetRef: boolean;
  /** ALLOW when absent (the enum default). */
  readonly action: string;
  /** `rules` absent: an ALLOW policy allows nothing (§D1). */
  readonly rules: readonly AuthzRule[];
  readonly dryRun: boolean;
}

export function readAuthorizationPolicy(r: Resource): AuthorizationPolicyObject | undefined {
  if (r.kind !== 'AuthorizationPolicy' || r.group !== 'security.istio.io') return undefined;
  const spec = asMap(r.body.spec);
  const rules: AuthzRule[] = asArray(spec?.rules).map((rule, ri) => {
    const m = asMap(rule);
    const path: Path = ['spec', 'rules', ri];
    const from: AuthzSource[] = [];
    asArray(m?.from).forEach((f, fi) => {
      const source = asMap(asMap(f)?.source);
      if (!source) return;
      const fields: Record<string, string[]> = {};
      for (const [k, v] of Object.entries(source)) if (Array.isArray(v)) setOwn(fields, k, asStringList(v));
      from.push({ path: [...path, 'from', fi, 'source'], raw: source, fields });
    });
    const to: AuthzOperation[] = [];
    asArray(m?.to).forEach((t, ti) => {
      const op = asMap(asMap(t)?.operation);
      if (!op) return;
      to.push({ path: [...path, 'to', ti, 'operation'], raw: op, ports: asStringList(op.ports), notPorts: asStringList(op.notPorts) });
    });
    const when: AuthzCondition[] = [];
    asArray(m?.when).forEach((w, wi) => {
      const c = asMap(w);
      if (!c) return;
      when.push({ path: [...path, 'when', wi], raw: c, key: asString(c.key) ?? '', values: asStringList(c.values), notValues: asStringList(c.notValues) });
    });
    return { path, from, to, when };
  });
  const selector = readSelector(r.body, ['spec', 'selector']);
  return {
    resource: r,
    namespace: r.namespace,
    name: r.name,
    ...(selector ? { selector } : {}),
    hasTargetRef: has(spec, 'targetRef') || asArray(spec?.targetRefs).length > 0,
    action: asString(spec?.action) ?? 'ALLOW',
    rules,
    dryRun: r.annotations['istio.io/dry-run'] === 'true',
  };
}
