import type { Resource } from '../resource';

export interface ServiceAccountObject {
  readonly resource: Resource;
  readonly namespace: string;
  readonly name: string;
}

export function readServiceAccount(r: Resource): ServiceAccountObject | undefined {
  if (r.kind !== 'ServiceAccount' || r.group !== '') return undefined;
  return { resource: r, namespace: r.namespace, name: r.name };
}
