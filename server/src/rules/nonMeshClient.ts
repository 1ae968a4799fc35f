import { serviceReferences } from '../semantics/hostReferences';
import { at, type Finding } from './finding';
import type { RuleContext, RuleSet } from './ruleContext';
import { describe, listSome } from './describe';
import { nameText } from './quoteValue';

/** §C1, §C2: a workload without a sidecar sends plaintext, which a STRICT sidecar resets. */
export const nonMeshClientRules: RuleSet = {
  name: 'non-mesh-client-to-strict',
  ids: ['non-mesh-client-to-strict'],
  /** Unit: the workloads of one namespace, as clients. */
  map(ctx: RuleContext, namespace: string) {
    const { sem, model } = ctx;
    const out: Finding[] = [];
    for (const w of model.namespace(namespace).workloads) {
      if (w.kind === 'WorkloadEntry' || sem.injection(w).injected !== 'no') continue;
      for (const ref of w.references) {
        const hits: string[] = [];
        let policy: Finding['related'][number] | undefined;
        for (const sr of serviceReferences(ref.text)) {
          const target = sr.namespace ?? w.namespace;
          const svc = model.namespace(target).services.find((s) => s.name === sr.name);
          if (!svc) continue;
          // With a port: that port. Without one: the call fails whichever port it uses only if every port is STRICT.
          const ports = sem.destinationsOf(svc).filter((d) => sr.port === undefined || d.port === sr.port);
          const strictPorts = ports.filter((dest) =>
            dest.endpoints.some((ep) => {
              if (!sem.sidecarEnforces(ep.workload, ep.targetPort, 'STRICT')) return false;
              const mode = sem.serverMode(ep.workload, ep.targetPort);
              const step = mode.decidedBy;
              if (step && !policy) policy = { anchor: at(step.policy.resource, step.policy.mode.path ?? ['metadata', 'name']), message: `${describe(step.policy.resource)} makes ${nameText(ep.workload.name)} STRICT` };
              return true;
            }),
          );
          if (strictPorts.length === 0 || (sr.port === undefined && strictPorts.length < ports.length)) continue;
          hits.push(...strictPorts.map((d) => `${nameText(svc.name)}.${nameText(svc.namespace)}:${d.port}`));
        }
        if (hits.length === 0) continue;
        out.push({
          rule: 'non-mesh-client-to-strict',
          message: `${nameText(w.name)} has no sidecar (${sem.injection(w).reason}), so it calls ${listSome(hits)} in plaintext, and the STRICT sidecar there has no plaintext filter chain: the connection is reset ("connection reset by peer", curl exit 56). Inject this workload, or make that port PERMISSIVE.`,
          anchor: at(w.resource, ref.path),
          related: policy ? [policy] : [],
        });
      }
    }
    return out;
  },
};
