import type { Resource } from '../resource';

export interface NamespaceObject {
  readonly resource: Resource;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

export function readNamespace(r: Resource): NamespaceObject | undefined {
  if (r.kind !== 'Namespace' || r.group !== '') return undefined;
  return { resource: r, name: r.name, labels: r.labels };
}
