import type { PeerAuthenticationObject } from '../model/kinds/peerAuthentication';
import { meshPolicy } from '../semantics/peerAuthnScopes';
import { at, type Finding } from './finding';
import type { RuleContext, RuleSet } from './ruleContext';
import { describe } from './describe';
import { nameText } from './quoteValue';

const WEAK = new Set(['PERMISSIVE', 'DISABLE']);

/** §A5: a namespace- or workload-level mode that overrides a mesh-wide STRICT. */
export const weakensMeshStrictRules: RuleSet = {
  name: 'weakens-mesh-strict',
  ids: ['weakens-mesh-strict'],
  /** Unit: the policies of one namespace, against the mesh-level policy. */
  map(ctx: RuleContext, namespace: string) {
    const { sem, model } = ctx;
    const mesh = meshPolicy(sem.peerAuthn);
    if (!mesh || mesh.mode.value !== 'STRICT') return [];
    const related = [{ anchor: at(mesh.resource, mesh.mode.path ?? ['metadata', 'name']), message: 'the mesh-wide STRICT policy' }];
    const out: Finding[] = [];
    {
      const winner = sem.peerAuthn.namespaceLevel.get(namespace)?.[0];
      if (winner && WEAK.has(winner.mode.value) && winner.mode.path) {
        out.push({
          rule: 'weakens-mesh-strict',
          message: `The mesh is STRICT (${describe(mesh.resource)}), and this ${winner.mode.value} applies to every workload of namespace ${nameText(winner.namespace)}: they accept plaintext, without a peer identity.`,
          anchor: at(winner.resource, winner.mode.path),
          related,
        });
      }
    }
    const winners = new Set<PeerAuthenticationObject>();
    for (const w of model.namespace(namespace).workloads) {
      const first = sem.workloadPolicies(w)[0];
      if (first) winners.add(first);
    }
    for (const pa of winners) {
      if (WEAK.has(pa.mode.value) && pa.mode.path) {
        out.push({
          rule: 'weakens-mesh-strict',
          severity: 'info',
          message: `The mesh is STRICT (${describe(mesh.resource)}); this workload-level ${pa.mode.value} lets the selected workloads accept plaintext.`,
          anchor: at(pa.resource, pa.mode.path),
          related,
        });
      }
      for (const e of pa.portLevel) {
        if (e.port !== undefined && WEAK.has(e.mode.value) && e.mode.path) {
          out.push({
            rule: 'weakens-mesh-strict',
            severity: 'info',
            message: `The mesh is STRICT (${describe(mesh.resource)}); port ${e.port} of the selected workloads accepts ${e.mode.value === 'DISABLE' ? 'only plaintext' : 'plaintext'}.`,
            anchor: at(pa.resource, e.mode.path),
            related,
          });
        }
      }
    }
    return out;
  },
};
