// §F3: an authentication.istio.io/v1alpha1 Policy or MeshPolicy written as the equivalent
// security.istio.io/v1 PeerAuthentication(s). New text only: the caller replaces one document.
import { asArray, asMap, asPortNumber, asString, has, type JsonMap } from '../../model/read';
import type { Resource } from '../../model/resource';
import type { MeshModel } from '../../model/meshModel';
import type { ServiceObject } from '../../model/kinds/service';
import { resolveTargetPort, selectedBy } from '../../semantics/destinations';
import { YamlLines } from './yamlEmitter';

type Mode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';

interface PeerAuthenticationDraft {
  readonly name: string;
  readonly namespace?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly comments: readonly string[];
  readonly selector?: Readonly<Record<string, string>>;
  /** Top-level mode; absent when only ports are set (they inherit the rest, §A5). */
  readonly mode?: Mode;
  readonly ports: readonly number[];
  readonly portMode: Mode;
}

/** §F3: `peers: [{mtls: {}}]` (or mode STRICT) is STRICT, mode PERMISSIVE is PERMISSIVE; no mtls peer accepted plaintext. */
export function legacyMode(spec: JsonMap | undefined): { mode: Mode; note?: string } {
  const peer = asArray(spec?.peers).map(asMap).find((p) => p !== undefined && has(p, 'mtls'));
  if (!peer) return { mode: 'DISABLE', note: 'The v1alpha1 Policy had no mtls peer method: its workloads did not require mTLS.' };
  return asString(asMap(peer.mtls)?.mode) === 'PERMISSIVE' ? { mode: 'PERMISSIVE' } : { mode: 'STRICT' };
}

const DROPPED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

function metadataOf(r: Resource): { labels: Record<string, string>; annotations: Record<string, string> } {
  const annotations = Object.fromEntries(Object.entries(r.annotations).filter(([k]) => !DROPPED_ANNOTATIONS.has(k)));
  return { labels: { ...r.labels }, annotations };
}

interface TargetScope {
  readonly selector: Record<string, string>;
  readonly ports: number[];
  readonly comments: string[];
}

/** A v1alpha1 target names a Service; PeerAuthentication selects pods by label and keys ports by container port. */
function targetScope(model: MeshModel | undefined, namespace: string, target: JsonMap, serviceName: string): TargetScope {
  const svc: ServiceObject | undefined = model?.servicesByNamespace.get(namespace)?.find((s) => s.name === serviceName);
  const comments: string[] = [];
  let selector: Record<string, string>;
  if (svc?.selector) {
    selector = { ...svc.selector };
    comments.push(`The v1alpha1 Policy targeted Service ${serviceName}: this selector is that Service's selector.`);
  } else {
    selector = { app: serviceName };
    comments.push(`The v1alpha1 Policy targeted Service ${serviceName} by name: a selector is not derivable from a name. Check that its pods carry app: ${serviceName}.`);
  }
  const workload = svc && model ? selectedBy(model, namespace, selector)[0] : undefined;
  const ports: number[] = [];
  for (const p of asArray(target.ports).map(asMap)) {
    const number = asPortNumber(p?.number);
    const name = asString(p?.name);
    const sp = svc?.ports.find((x) => (number !== undefined && x.port === number) || (name !== undefined && x.name === name));
    const resolved = sp ? (workload ? resolveTargetPort(sp, workload) : typeof sp.targetPort === 'number' ? sp.targetPort : undefined) : undefined;
    if (resolved !== undefined) ports.push(resolved);
    else if (number !== undefined) {
      ports.push(number);
      comments.push(`Port ${number} is the Service port as the Policy wrote it: portLevelMtls keys are container ports, change it if they differ.`);
    } else if (name !== undefined) comments.push(`Port "${name}" could not be resolved to a container port: add it under portLevelMtls by number.`);
  }
  return { selector, ports: [...new Set(ports)], comments };
}

function drafts(r: Resource, model: MeshModel | undefined, rootNamespace: string): PeerAuthenticationDraft[] {
  const spec = asMap(r.body.spec);
  const { mode, note } = legacyMode(spec);
  const common = [
    ...(note ? [note] : []),
    ...(has(spec, 'origins') ? ['origins (end-user JWT) are not converted: they belong in a RequestAuthentication.'] : []),
  ];
  const meta = metadataOf(r);
  const writtenNamespace = asString(asMap(r.body.metadata)?.namespace)?.trim();
  const namespace = r.kind === 'MeshPolicy' ? rootNamespace : writtenNamespace || undefined;
  const name = r.kind === 'MeshPolicy' ? 'default' : r.name;
  const targets = asArray(spec?.targets)
    .map(asMap)
    .flatMap((t) => {
      const serviceName = asString(t?.name)?.trim();
      return t && serviceName ? [{ t, serviceName }] : [];
    });
  if (r.kind === 'MeshPolicy' || targets.length === 0) {
    return [{ name, ...(namespace ? { namespace } : {}), ...meta, comments: common, mode, ports: [], portMode: mode }];
  }
  return targets.map(({ t, serviceName }) => {
    const scope = targetScope(model, r.namespace, t, serviceName);
    return {
      name: targets.length === 1 ? name : `${name}-${serviceName}`,
      ...(namespace ? { namespace } : {}),
      ...meta,
      comments: [...common, ...scope.comments],
      selector: scope.selector,
      ...(scope.ports.length ? {} : { mode }),
      ports: scope.ports,
      portMode: mode,
    };
  });
}

export interface Conversion {
  readonly text: string;
  readonly count: number;
  readonly mode: Mode;
}

/** The replacement text (documents separated by `---`) for one Policy or MeshPolicy. */
export function peerAuthenticationText(r: Resource, model: MeshModel | undefined, rootNamespace: string, unit: number, eol: string): Conversion {
  const list = drafts(r, model, rootNamespace);
  const text = list.map((d) => emitDraft(d, unit, eol)).join(`---${eol}`);
  return { text, count: list.length, mode: legacyMode(asMap(r.body.spec)).mode };
}

function emitDraft(d: PeerAuthenticationDraft, unit: number, eol: string): string {
  const y = new YamlLines(unit, eol);
  y.line(0, 'apiVersion: security.istio.io/v1').line(0, 'kind: PeerAuthentication').line(0, 'metadata:');
  y.entry(1, 'name', d.name);
  if (d.namespace) y.entry(1, 'namespace', d.namespace);
  y.map(1, 'labels', d.labels).map(1, 'annotations', d.annotations);
  y.line(0, 'spec:');
  for (const c of d.comments) y.comment(1, c);
  if (d.selector) {
    y.line(1, 'selector:');
    y.map(2, 'matchLabels', d.selector);
  }
  if (d.mode) y.line(1, 'mtls:').line(2, `mode: ${d.mode}`);
  if (d.ports.length) {
    y.line(1, 'portLevelMtls:');
    for (const p of d.ports) y.line(2, `${p}:`).line(3, `mode: ${d.portMode}`);
  }
  return y.toString();
}
