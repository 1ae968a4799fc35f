import type { ClientCell, EndpointOutcome, MeshSemantics } from '../semantics/meshSemantics';
import type { TlsBlock } from '../model/kinds/destinationRule';
import { credentialNameDropped } from '../semantics/clientTls';
import { at, type Related } from './finding';
import type { Evidence as RuleEvidence, RuleContext, RuleOutput, RuleSet } from './ruleContext';
import { evidenceAt, reducePlaced } from './blockFindings';
import { describe, listSome } from './describe';
import { nameText } from './quoteValue';

interface Evidence {
  readonly cell: ClientCell;
  readonly endpoint?: EndpointOutcome;
}

function destLabel(cell: ClientCell): string {
  const d = cell.dest;
  const name = d.service ? `${nameText(d.service.name)}.${nameText(d.namespace)}` : nameText(d.host);
  return `${name}:${d.port}${cell.subset ? ` (subset ${nameText(cell.subset)})` : ''}`;
}

function clients(ev: readonly Evidence[]): string {
  const names = new Set<string>();
  for (const cell of new Set(ev.map((e) => e.cell))) for (const p of cell.profiles) names.add(p.namespace);
  return listSome([...names].sort().map((n) => `\`${nameText(n)}\``));
}

function policyRelated(ev: readonly Evidence[]): Related[] {
  const out: Related[] = [];
  for (const e of ev) {
    const step = e.endpoint?.server.decidedBy;
    if (!step) continue;
    const path = step.portEntry ? step.portEntry.mode.path ?? step.portEntry.path : step.policy.mode.path ?? step.policy.mode.blockPath;
    out.push({ anchor: at(step.policy.resource, path), message: `${describe(step.policy.resource)} makes ${nameText(e.endpoint?.endpoint.workload.name)} ${e.endpoint?.server.mode} on port ${e.endpoint?.endpoint.targetPort}` });
  }
  return out;
}

function workloadRelated(ev: readonly Evidence[], why: string): Related[] {
  return ev.flatMap((e) => (e.endpoint ? [{ anchor: at(e.endpoint.endpoint.workload.resource, ['metadata', 'name']), message: `${describe(e.endpoint.endpoint.workload.resource)}: ${why}` }] : []));
}

function strictPolicies(ev: readonly Evidence[]): string {
  return listSome(ev.flatMap((e) => (e.endpoint?.server.decidedBy ? [describe(e.endpoint.server.decidedBy.policy.resource)] : [])));
}

/**
 * The client-meets-server rules: what a client sidecar sends with the DestinationRule block
 * in force (§B) against what the server sidecar accepts (§A), judged by the §C matrix.
 */
export const clientMeetsServerRules: RuleSet = {
  name: 'client-meets-server',
  ids: ['plaintext-to-strict', 'user-tls-to-mesh', 'mtls-to-no-sidecar', 'mtls-to-disable', 'credential-name-ignored-by-sidecars'],
  /** Unit: the destination ports of one namespace; the evidence lands on DestinationRules anywhere. */
  map(ctx: RuleContext, namespace: string) {
    const { sem } = ctx;
    const out: RuleOutput[] = [];
    for (const dest of sem.destinationsIn(namespace)) {
      for (const cell of sem.cellsFor(dest)) {
        const tls: TlsBlock | undefined = cell.inForce.tls;
        const owner = sem.ownerOf(cell);
        if (!tls || !owner) continue;
        const block = (rule: string, e: Evidence) => out.push(evidenceAt(rule, owner.resource, tls.path, e, 'key'));
        if (credentialNameDropped(tls, owner)) out.push(evidenceAt('credential-name-ignored-by-sidecars', owner.resource, [...tls.path, 'credentialName'], { cell }, 'key'));
        const outcomes = sem.endpointOutcomes(cell);
        if (tls.mode === 'ISTIO_MUTUAL' && mtlsReachesNoSidecar(sem, cell, outcomes)) block('mtls-to-no-sidecar', { cell });
        for (const eo of outcomes) {
          if (eo.side.sidecar !== 'yes') continue;
          const mode = eo.side.mode;
          if (tls.mode === 'DISABLE' && mode === 'STRICT' && eo.wire.wire === 'PLAINTEXT') block('plaintext-to-strict', { cell, endpoint: eo });
          if ((tls.mode === 'SIMPLE' || tls.mode === 'MUTUAL') && (mode === 'STRICT' || (mode === 'PERMISSIVE' && cell.dest.http && eo.wire.wire === 'USER_TLS'))) {
            block('user-tls-to-mesh', { cell, endpoint: eo });
          }
          if (tls.mode === 'ISTIO_MUTUAL' && mode === 'DISABLE' && eo.outcome.cell === 'C5') block('mtls-to-disable', { cell, endpoint: eo });
        }
      }
    }
    return out;
  },
  reduce(evidence: readonly RuleEvidence[], ctx: RuleContext) {
    const { sem } = ctx;
    return reducePlaced<Evidence>(evidence, (rule, ev) => {
      switch (rule) {
        case 'plaintext-to-strict':
          return {
            message: `Clients in ${clients(ev)} send plaintext to ${listSome(ev.map((e) => destLabel(e.cell)))} (${ev[0].cell.inForce.tls?.modeGiven ? 'tls.mode DISABLE' : 'a tls block without mode means DISABLE'}), which requires mTLS (${strictPolicies(ev)} is STRICT): the STRICT sidecar has no plaintext filter chain, so connections are reset (503 for the client).`,
            related: policyRelated(ev),
          };
        case 'user-tls-to-mesh': {
          const strict = ev.some((e) => e.endpoint?.server.mode === 'STRICT');
          return {
            message: `Clients in ${clients(ev)} originate ${ev[0].cell.inForce.tls?.mode} TLS to ${listSome(ev.map((e) => destLabel(e.cell)))}, whose sidecars ${strict ? `are STRICT (${strictPolicies(ev)}) and require an Istio client certificate` : 'are PERMISSIVE on an HTTP port, where non-Istio TLS matches no filter chain'}: the handshake fails (503 UF). Use ISTIO_MUTUAL, or remove the tls block to let auto mTLS decide.`,
            related: policyRelated(ev),
          };
        }
        case 'mtls-to-no-sidecar': {
          const external = ev.find((e) => e.cell.dest.meshExternal);
          const dest = listSome(ev.map((e) => destLabel(e.cell)));
          return {
            message: external
              ? `ISTIO_MUTUAL sends Istio mTLS to ${dest}, a MESH_EXTERNAL host that has no sidecar and no mesh certificate: the TLS handshake fails (503 UF,URX). Use SIMPLE to originate TLS to an external service.`
              : `ISTIO_MUTUAL sends Istio mTLS to every endpoint of ${dest}, and none of them has a sidecar on that port: the app receives a ClientHello it cannot read (503 UF,URX). Remove the tls block to let auto mTLS send plaintext to sidecar-less endpoints.`,
            related: external?.cell.dest.serviceEntry
              ? [{ anchor: at(external.cell.dest.serviceEntry.resource, ['spec', 'location']), message: `${describe(external.cell.dest.serviceEntry.resource)} is MESH_EXTERNAL` }]
              : ev.flatMap((e) => e.cell.dest.selectedWorkloads.slice(0, 3).map((w) => ({ anchor: at(w.resource, ['metadata', 'name']), message: `${describe(w.resource)}: ${sem.injection(w).reason}` }))),
          };
        }
        case 'mtls-to-disable':
          return {
            message: `ISTIO_MUTUAL sends Istio mTLS to ${listSome(ev.map((e) => `${nameText(e.endpoint?.endpoint.workload.name)}:${e.endpoint?.endpoint.targetPort}`))}, where the sidecar is DISABLE (${strictPolicies(ev)}): it reads the ClientHello as plaintext and the connection fails (503 UF,URX, or 400 DPE on HTTP ports). Remove the tls block: auto mTLS sends plaintext to DISABLE endpoints.`,
            related: [...policyRelated(ev), ...workloadRelated(ev, 'DISABLE on this port')],
          };
        default:
          return {
            message: `Sidecars ignore credentialName on a DestinationRule without workloadSelector: clients in ${clients(ev)} drop these TLS settings and send plaintext to ${listSome(ev.map((e) => destLabel(e.cell)))}. credentialName works on gateways; for sidecars use file paths (clientCertificate/privateKey) or add a workloadSelector.`,
            related: [],
          };
      }
    });
  },
};

/**
 * §C4, §C7: ISTIO_MUTUAL towards a MESH_EXTERNAL host, a Service whose selected workloads all
 * lack a sidecar, or endpoints whose port is excluded from inbound capture.
 */
function mtlsReachesNoSidecar(sem: MeshSemantics, cell: ClientCell, outcomes: readonly EndpointOutcome[]): boolean {
  if (cell.dest.meshExternal) return true;
  const selected = cell.dest.selectedWorkloads;
  if (selected.length === 0) return false;
  if (selected.every((w) => sem.injection(w).injected === 'no')) return true;
  return outcomes.length > 0 && outcomes.every((o) => o.outcome.cell === 'C4');
}
