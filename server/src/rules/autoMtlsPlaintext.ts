import type { PeerAuthenticationObject } from '../model/kinds/peerAuthentication';
import type { DestinationPort } from '../semantics/destinations';
import type { MeshSemantics } from '../semantics/meshSemantics';
import type { PolicyStep } from '../semantics/serverMode';
import { at, type Finding } from './finding';
import type { Evidence, RuleContext, RuleOutput, RuleSet } from './ruleContext';
import { describe, listSome } from './describe';
import { nameText } from './quoteValue';

function stepPath(step: PolicyStep) {
  return step.portEntry ? step.portEntry.mode.path ?? step.portEntry.path : step.policy.mode.path ?? step.policy.mode.blockPath;
}

/** Whether any client that uses a DestinationRule for this port gets ISTIO_MUTUAL from it. */
function rescuedByIstioMutual(sem: MeshSemantics, dest: DestinationPort): boolean {
  return sem.cellsFor(dest).some((c) => c.inForce.tls?.mode === 'ISTIO_MUTUAL');
}

/**
 * Whether some client of this port gets no DestinationRule tls at all (auto mTLS). Without
 * injected clients in the workspace, a client in a namespace with no rules of its own stands in
 * (lookup steps 2 and 3 of §B3).
 */
function someClientWithoutTls(sem: MeshSemantics, dest: DestinationPort): boolean {
  const cells = sem.cellsFor(dest).filter((c) => c.subset === undefined);
  if (cells.length > 0) return cells.some((c) => !c.inForce.tls);
  const choice = sem.lookup({ namespace: '\u0000any-other-namespace', labels: {} }, dest.host, dest.namespace);
  if (!choice) return true;
  const tp = choice.rule.trafficPolicy;
  const portEntry = tp?.portLevel.find((p) => p.port === dest.port);
  return !(portEntry ? portEntry.tls : tp?.tls);
}

interface AutoEvidence {
  readonly policy: PeerAuthenticationObject;
  readonly step: PolicyStep;
  readonly target: string;
}

/** §B10, §C8: auto mTLS decisions that send plaintext to STRICT workloads. */
export const autoMtlsPlaintextRules: RuleSet = {
  name: 'auto-mtls-plaintext',
  ids: ['namespace-disable-breaks-strict', 'auto-mtls-off-plaintext'],
  /** Unit: the Services of one namespace; the evidence lands on the policy that made them STRICT. */
  map(ctx: RuleContext, namespace: string) {
    const { sem, model } = ctx;
    const out: RuleOutput[] = [];
    for (const dest of sem.destinationsIn(namespace)) {
      if (!dest.service) continue;
      for (const ep of dest.endpoints) {
        if (!sem.sidecarEnforces(ep.workload, ep.targetPort, 'STRICT')) continue;
        const step = sem.serverMode(ep.workload, ep.targetPort).decidedBy;
        if (!step) continue;
        const data: AutoEvidence = { policy: step.policy, step, target: `${nameText(dest.service.name)}:${dest.port} -> ${nameText(ep.workload.name)}:${ep.targetPort}` };
        if (model.mesh.enableAutoMtls && (step.level === 'workload' || step.level === 'port') && sem.namespaceMode(ep.workload.namespace).mode === 'DISABLE' && !rescuedByIstioMutual(sem, dest)) {
          out.push({ rule: 'namespace-disable-breaks-strict', group: `namespace-disable-breaks-strict|${step.policy.resource.id}|${stepPath(step).join('.')}`, data });
        }
        // One finding per policy, whichever of its levels made the port STRICT.
        if (!model.mesh.enableAutoMtls && someClientWithoutTls(sem, dest)) out.push({ rule: 'auto-mtls-off-plaintext', group: `auto-mtls-off-plaintext|${step.policy.resource.id}`, data });
      }
    }
    return out;
  },
  reduce(evidence: readonly Evidence[], ctx: RuleContext): Finding[] {
    const { sem, model } = ctx;
    const ev = evidence.map((e) => e.data as AutoEvidence);
    const { policy, step } = ev[0];
    const targets = ev.map((e) => e.target);
    if (evidence[0].rule === 'namespace-disable-breaks-strict') {
      const nsStep = sem.namespaceMode(policy.namespace).decidedBy;
      return [{
        rule: 'namespace-disable-breaks-strict',
        message: `Namespace ${nameText(policy.namespace)} is DISABLE${nsStep ? ` (${describe(nsStep.policy.resource)})` : ''}, so auto mTLS sends plaintext to every endpoint of its Services, and this STRICT rejects it: ${listSome(targets)} fails (connection reset). Auto mTLS only handles the reverse case. Add a DestinationRule with tls.mode ISTIO_MUTUAL for the Service.`,
        anchor: at(policy.resource, stepPath(step)),
        related: nsStep ? [{ anchor: at(nsStep.policy.resource, nsStep.policy.mode.path ?? ['metadata', 'name']), message: 'the namespace-level DISABLE that auto mTLS reads' }] : [],
      }];
    }
    return [{
      rule: 'auto-mtls-off-plaintext',
      message: `enableAutoMtls is false${model.mesh.source ? ` (${describe(model.mesh.source)})` : ''}, so clients send plaintext wherever no DestinationRule sets tls, and this policy makes ${listSome(targets)} STRICT: those calls are reset. Add DestinationRules with tls.mode ISTIO_MUTUAL, or turn auto mTLS back on.`,
      anchor: at(policy.resource, stepPath(step)),
      related: model.mesh.source ? [{ anchor: at(model.mesh.source, ['metadata', 'name']), message: 'the mesh config that turns auto mTLS off' }] : [],
    }];
  },
};
