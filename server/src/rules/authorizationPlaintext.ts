import type { AuthorizationPolicyObject, AuthzRule } from '../model/kinds/authorizationPolicy';
import type { Workload } from '../model/kinds/workload';
import type { MeshSemantics } from '../semantics/meshSemantics';
import type { ServerMode } from '../semantics/serverMode';
import {
  coveredPorts, negativeSourceFields, positiveIdentityConditions, positiveSourceFields, workloadsOfPolicyIn, type IdentityField,
} from '../semantics/authorization';
import { at, type Finding } from './finding';
import type { Evidence, RuleContext, RuleOutput, RuleSet } from './ruleContext';
import { describe, listSome } from './describe';
import { nameText } from './quoteValue';

interface PortMode {
  readonly workload: Workload;
  readonly port?: number;
  readonly mode: ServerMode;
}

/** The server modes on the ports a rule covers, for every injected workload the policy applies to. */
function modesUnderRule(sem: MeshSemantics, workloads: readonly Workload[], rule: AuthzRule): PortMode[] {
  const covered = coveredPorts(rule);
  const out: PortMode[] = [];
  for (const w of workloads) {
    if (sem.injection(w).injected !== 'yes') continue;
    const ports: Array<number | undefined> = covered.only ? [...covered.only] : [undefined, ...sem.inboundPorts(w)];
    for (const port of ports) {
      if (port !== undefined && covered.except.includes(port)) continue;
      out.push({ workload: w, ...(port !== undefined ? { port } : {}), mode: sem.serverMode(w, port).mode });
    }
  }
  return out;
}

/** "payments-api (PERMISSIVE)" when every covered port is affected, else "payments-api:9090 (PERMISSIVE)". */
function describePorts(affected: readonly PortMode[], all: readonly PortMode[]): string[] {
  const out: string[] = [];
  for (const w of new Set(affected.map((pm) => pm.workload))) {
    const mine = affected.filter((pm) => pm.workload === w);
    const modes = [...new Set(mine.map((pm) => pm.mode))].join('/');
    if (mine.length === all.filter((pm) => pm.workload === w).length) out.push(`${nameText(w.name)} (${modes})`);
    else out.push(...mine.map((pm) => (pm.port === undefined ? `${nameText(w.name)} on its other ports (${pm.mode})` : `${nameText(w.name)}:${pm.port} (${pm.mode})`)));
  }
  return out;
}

function onlyWildcards(fields: readonly IdentityField[]): boolean {
  return fields.length > 0 && fields.every((f) => f.values.every((v) => v === '*'));
}

interface IdentityEvidence {
  readonly ap: AuthorizationPolicyObject;
  readonly path: IdentityField['path'];
  readonly all: readonly PortMode[];
  readonly affected: readonly PortMode[];
}

const MESSAGES: Record<string, (ports: string) => string> = {
  'deny-bypassed-by-plaintext': (ports) =>
    `This DENY matches on the peer identity, which only mTLS requests carry, and ${ports} plaintext too: a plaintext request (a pod without a sidecar, or a DestinationRule with DISABLE) has no identity and is not denied. Make the workloads STRICT, or add a DENY with notNamespaces: ["*"].`,
  'allow-negation-admits-plaintext': (ports) =>
    `A plaintext request has no peer identity, so it is "not" any excluded peer: this ALLOW admits plaintext from the very peers it excludes, because ${ports} plaintext. Make the workloads STRICT, or add namespaces: ["*"] to this source.`,
  'allow-denies-plaintext': (ports) =>
    `This ALLOW matches on the peer identity, which plaintext requests do not carry, and ${ports} plaintext: plaintext requests are denied (403 RBAC: access denied) even from the intended peers. Make the workloads STRICT so every request carries an identity.`,
};

/**
 * §D3/§D4: identity fields only match mTLS peers. On a port that accepts plaintext, a DENY on
 * identity is bypassed, an ALLOW on a negated identity admits plaintext, and an ALLOW on
 * identity denies plaintext. Unit: the workloads of one namespace, with the policies that apply
 * to them (their namespace's and the root namespace's, §D2).
 */
export const authorizationPlaintextRules: RuleSet = {
  name: 'authorization-plaintext',
  ids: ['deny-bypassed-by-plaintext', 'allow-negation-admits-plaintext', 'allow-denies-plaintext'],
  map(ctx: RuleContext, namespace: string) {
    const { model, sem } = ctx;
    const out: RuleOutput[] = [];
    const root = sem.rootNamespace;
    const policies = namespace === root ? model.namespace(root).authorizationPolicies : [...model.namespace(namespace).authorizationPolicies, ...model.namespace(root).authorizationPolicies];
    for (const ap of policies) {
      if (ap.action !== 'ALLOW' && ap.action !== 'DENY') continue;
      const workloads = workloadsOfPolicyIn(model, ap, root, namespace);
      if (workloads.length === 0) continue;
      for (const rule of ap.rules) out.push(...judgeRule(sem, ap, rule, workloads));
    }
    return out;
  },
  reduce(evidence: readonly Evidence[], ctx: RuleContext): Finding[] {
    const ev = evidence.map((e) => e.data as IdentityEvidence);
    const all = ev.flatMap((e) => e.all);
    const affected = ev.flatMap((e) => e.affected);
    const described = describePorts(affected, all);
    const ports = `${listSome(described)} ${described.length === 1 ? 'accepts' : 'accept'}`;
    const related = affected.slice(0, 3).flatMap((pm) => {
      const step = ctx.sem.serverMode(pm.workload, pm.port).decidedBy;
      return step ? [{ anchor: at(step.policy.resource, step.policy.mode.path ?? ['metadata', 'name']), message: `${describe(step.policy.resource)} sets ${pm.mode}` }] : [];
    });
    const rule = evidence[0].rule;
    return [{ rule, message: MESSAGES[rule](ports), anchor: at(ev[0].ap.resource, ev[0].path, 'key'), related }];
  },
};

function judgeRule(sem: MeshSemantics, ap: AuthorizationPolicyObject, rule: AuthzRule, workloads: readonly Workload[]): Evidence[] {
  const conditions = positiveIdentityConditions(rule);
  const positives = [...rule.from.flatMap(positiveSourceFields), ...conditions];
  const evidence = (ruleId: string, fields: readonly IdentityField[], weak: (m: ServerMode) => boolean): Evidence[] => {
    const all = modesUnderRule(sem, workloads, rule);
    const affected = all.filter((pm) => weak(pm.mode));
    if (affected.length === 0) return [];
    return fields.map((f) => ({ rule: ruleId, group: `${ruleId}|${ap.resource.id}|${f.path.join('\u0000')}`, data: { ap, path: f.path, all, affected } satisfies IdentityEvidence }));
  };
  if (ap.action === 'DENY') return evidence('deny-bypassed-by-plaintext', positives, (m) => m !== 'STRICT' && m !== 'UNKNOWN');
  const out: Evidence[] = [];
  if (conditions.length === 0) {
    for (const source of rule.from) {
      const negatives = negativeSourceFields(source);
      if (negatives.length === 0 || positiveSourceFields(source).length > 0) continue;
      out.push(...evidence('allow-negation-admits-plaintext', negatives, (m) => m !== 'STRICT' && m !== 'UNKNOWN'));
    }
  }
  const everySourceNeedsIdentity = rule.from.length > 0 && rule.from.every((s) => positiveSourceFields(s).length > 0);
  if ((everySourceNeedsIdentity || conditions.length > 0) && !onlyWildcards(positives)) {
    out.push(...evidence('allow-denies-plaintext', positives, (m) => m === 'PERMISSIVE' || m === 'DISABLE'));
  }
  return out;
}
