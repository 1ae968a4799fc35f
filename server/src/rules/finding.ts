import type { Resource } from '../model/resource';
import type { Path } from '../model/read';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };

/** The resource identity a finding is reported against. */
export interface ResourceIdentity {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/**
 * Where a finding points. Rules point at a resource and a YAML path (never text offsets);
 * the presenter turns that into a range. Offsets are only for what has no resource
 * (a document that does not parse, a certificate file).
 */
export type Anchor =
  | {
      readonly resource: Resource;
      readonly path: Path;
      /** `key`: the key of the path's last segment; `value` (default): the node at the path. */
      readonly part?: 'key' | 'value';
    }
  | {
      readonly file: string;
      readonly offsets: readonly [number, number];
      readonly identity: ResourceIdentity;
    };

export interface Related {
  readonly anchor: Anchor;
  readonly message: string;
}

export interface Finding {
  readonly rule: string;
  /** Defaults to the catalogue severity of the rule. */
  readonly severity?: Severity;
  readonly message: string;
  readonly anchor: Anchor;
  readonly related: readonly Related[];
}

export function at(resource: Resource, path: Path, part?: 'key' | 'value'): Anchor {
  return part ? { resource, path, part } : { resource, path };
}

export function anchorResource(anchor: Anchor): Resource | undefined {
  return 'resource' in anchor ? anchor.resource : undefined;
}

export function identityOfAnchor(anchor: Anchor): ResourceIdentity {
  if ('resource' in anchor) {
    const r = anchor.resource;
    return { kind: r.kind, namespace: r.namespace, name: r.name };
  }
  return anchor.identity;
}

export function anchorFile(anchor: Anchor): string {
  return 'resource' in anchor ? anchor.resource.source.file : anchor.file;
}
