// Fixes on a DestinationRule `tls` block (§B8, §C2–§C6): set the mode, or remove the block so
// that auto mTLS decides (§B10).
import type { YAMLMap } from 'yaml';
import { anchorResource } from '../../rules/finding';
import { editMap, removePath } from './textEdits';
import { keyOf, mapAtPath } from './yamlNodes';
import { single, type Fix, type FixBuilder, type FixInput } from './fix';
import { istioMutualWouldFail } from './istioMutualRisk';

/** Fields that only SIMPLE and MUTUAL read: ISTIO_MUTUAL uses the mesh certificates instead. */
export const USER_TLS_FIELDS = ['clientCertificate', 'privateKey', 'caCertificates', 'credentialName', 'insecureSkipVerify', 'caCrl'] as const;

function tlsMap(input: FixInput): YAMLMap | undefined {
  return mapAtPath(input.doc, input.yamlPath);
}

function present(map: YAMLMap, keys: readonly string[]): string[] {
  return keys.filter((k) => map.items.some((p) => keyOf(p) === k));
}

function setMode(input: FixInput, mode: string, preferred: boolean, why: string): Fix[] {
  const map = tlsMap(input);
  if (!map) return [];
  const drop = mode === 'ISTIO_MUTUAL' ? present(map, USER_TLS_FIELDS) : [];
  const dropped = drop.length ? `, remove ${drop.join(', ')}` : '';
  return single(`Set tls mode to ${mode}${dropped}${why}`, editMap(input.text, map, { set: { key: 'mode', value: mode }, remove: drop }), preferred);
}

function removeTls(input: FixInput, preferred: boolean): Fix[] {
  const edits = removePath(input.text, input.doc, input.yamlPath, input.resource.source.basePath.length + 1);
  return single('Remove the tls block (auto mTLS chooses mTLS or plaintext per endpoint)', edits, preferred);
}

/** Whether the finding is about a MESH_EXTERNAL host (§C4): its related location is a ServiceEntry. */
function meshExternal(input: FixInput): boolean {
  return input.finding.related.some((r) => anchorResource(r.anchor)?.kind === 'ServiceEntry') || input.finding.message.includes('MESH_EXTERNAL');
}

/**
 * ISTIO_MUTUAL, unless it would fail at an endpoint the block governs (a DISABLE port, no sidecar:
 * §C4, §C5): a fix must not trade its finding for mtls-to-disable or mtls-to-no-sidecar. Then
 * removing the block is the preferred fix, the one "fix all" and `source.fixAll` apply: auto mTLS
 * chooses mTLS or plaintext per endpoint (§B10, §B11).
 */
function istioMutualOrRemove(input: FixInput, offerRemove: boolean): Fix[] {
  if (istioMutualWouldFail(input)) return removeTls(input, true);
  return [...setMode(input, 'ISTIO_MUTUAL', true, ''), ...(offerRemove ? removeTls(input, false) : [])];
}

/** `plaintext-to-strict`, `user-tls-to-mesh`: Istio mTLS is what the STRICT server expects. */
export const useIstioMutual: FixBuilder = (input) => istioMutualOrRemove(input, true);

/** `mtls-to-no-sidecar`, `mtls-to-disable`: let auto mTLS send plaintext, or originate TLS to an external host. */
export const stopIstioMutual: FixBuilder = (input) =>
  meshExternal(input)
    ? [...setMode(input, 'SIMPLE', true, ' (originate TLS to the external host)'), ...removeTls(input, false)]
    : removeTls(input, true);

/** `empty-tls-means-disable`: make the mode explicit (or remove the block, where ISTIO_MUTUAL would fail). */
export const explicitMode: FixBuilder = (input) => [
  ...istioMutualOrRemove(input, false),
  ...setMode(input, 'DISABLE', false, ' (plaintext, as now)'),
];
