import type { Resource } from '../resource';
import { asArray, asBoolean, asMap, asPortNumber, asString, asStringMap, get, ownValue, setOwn, type Path } from '../read';
import type { Labels } from './labels';

export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
}

/** A string a container is configured with, that may name a Service (env value, arg, command). */
export interface HostReference {
  readonly text: string;
  /** Path in the resource body. */
  readonly path: Path;
}

export interface Container {
  readonly name: string;
  readonly ports: readonly ContainerPort[];
}

export type WorkloadKind = 'Pod' | 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'Job' | 'CronJob' | 'WorkloadEntry';

/** A pod template (or bare Pod, or WorkloadEntry): what a sidecar would run next to. */
export interface Workload {
  readonly resource: Resource;
  readonly kind: WorkloadKind;
  readonly namespace: string;
  readonly name: string;
  /** Pod template labels (WorkloadEntry: spec.labels). */
  readonly labels: Labels;
  /** Pod template annotations. */
  readonly annotations: Labels;
  /** Path of the pod template (`metadata` and `spec` live under it); [] for a Pod. */
  readonly templatePath: Path;
  readonly serviceAccount: string;
  readonly hostNetwork: boolean;
  readonly containers: readonly Container[];
  /** The template already has an `istio-proxy` container or a `sidecar.istio.io/status` annotation. */
  readonly alreadyInjected: boolean;
  readonly references: readonly HostReference[];
  /** WorkloadEntry `ports` (name -> number); empty for pods. */
  readonly namedPorts: Readonly<Record<string, number>>;
}

const TEMPLATE_PATHS: Record<string, Path> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  Pod: [],
};

const INFRA_CONTAINERS = new Set(['istio-proxy', 'istio-init', 'istio-validation', 'linkerd-proxy', 'linkerd-init']);

export function readWorkload(r: Resource): Workload | undefined {
  if (r.kind === 'WorkloadEntry' && r.group === 'networking.istio.io') return readWorkloadEntry(r);
  const templatePath = ownValue(TEMPLATE_PATHS, r.kind);
  if (!templatePath) return undefined;
  if (r.kind === 'Pod' ? r.group !== '' : r.group !== 'apps' && r.group !== 'batch') return undefined;
  const template = get(r.body, templatePath);
  const metadata = asMap(get(template, ['metadata']));
  const spec = asMap(get(template, ['spec']));
  const labels = asStringMap(metadata?.labels);
  const annotations = asStringMap(metadata?.annotations);
  const containers: Container[] = [];
  const references: HostReference[] = [];
  let hasProxy = false;
  for (const listName of ['initContainers', 'containers'] as const) {
    asArray(spec?.[listName]).forEach((c, ci) => {
      const container = asMap(c);
      if (!container) return;
      const name = asString(container.name) ?? '';
      if (name === 'istio-proxy') hasProxy = true;
      const ports: ContainerPort[] = [];
      asArray(container.ports).forEach((p) => {
        const port = asMap(p);
        const number = asPortNumber(port?.containerPort);
        if (number === undefined) return;
        const portName = asString(port?.name);
        ports.push(portName ? { name: portName, containerPort: number } : { containerPort: number });
      });
      containers.push({ name, ports });
      if (INFRA_CONTAINERS.has(name)) return;
      const base: Path = [...templatePath, 'spec', listName, ci];
      asArray(container.env).forEach((e, ei) => {
        const text = asString(asMap(e)?.value);
        if (text) references.push({ text, path: [...base, 'env', ei, 'value'] });
      });
      for (const field of ['args', 'command'] as const) {
        asArray(container[field]).forEach((a, ai) => {
          const text = asString(a);
          if (text) references.push({ text, path: [...base, field, ai] });
        });
      }
    });
  }
  return {
    resource: r,
    kind: r.kind as WorkloadKind,
    namespace: r.namespace,
    name: r.name,
    labels,
    annotations,
    templatePath,
    serviceAccount: asString(spec?.serviceAccountName) || asString(spec?.serviceAccount) || 'default',
    hostNetwork: asBoolean(spec?.hostNetwork) === true,
    containers,
    alreadyInjected: hasProxy || annotations['sidecar.istio.io/status'] !== undefined,
    references,
    namedPorts: {},
  };
}

function readWorkloadEntry(r: Resource): Workload {
  const spec = asMap(r.body.spec);
  const namedPorts: Record<string, number> = {};
  for (const [k, v] of Object.entries(asMap(spec?.ports) ?? {})) {
    const n = asPortNumber(v);
    if (n !== undefined) setOwn(namedPorts, k, n);
  }
  return {
    resource: r,
    kind: 'WorkloadEntry',
    namespace: r.namespace,
    name: r.name,
    labels: asStringMap(spec?.labels),
    annotations: {},
    templatePath: [],
    serviceAccount: asString(spec?.serviceAccount) || 'default',
    hostNetwork: false,
    containers: [],
    alreadyInjected: false,
    references: [],
    namedPorts,
  };
}

/** The container ports a workload declares (numbers), WorkloadEntry ports included. */
export function declaredPorts(w: Workload): number[] {
  const out = new Set<number>();
  for (const c of w.containers) for (const p of c.ports) out.add(p.containerPort);
  for (const n of Object.values(w.namedPorts)) out.add(n);
  return [...out];
}
