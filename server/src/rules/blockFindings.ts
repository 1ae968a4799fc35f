import type { Resource } from '../model/resource';
import type { Path } from '../model/read';
import { at, type Finding, type Related } from './finding';

/**
 * Collects evidence for one finding per (resource, path) across many client/destination
 * pairs, so that a block in force for ten clients yields one finding that names them.
 */
export class FindingCollector<E> {
  private readonly entries = new Map<string, { resource: Resource; path: Path; part?: 'key' | 'value'; evidence: E[] }>();

  add(resource: Resource, path: Path, evidence: E, part?: 'key' | 'value'): void {
    const key = `${resource.id}|${path.join('\u0000')}|${part ?? ''}`;
    const entry = this.entries.get(key);
    if (entry) entry.evidence.push(evidence);
    else this.entries.set(key, { resource, path, evidence: [evidence], ...(part ? { part } : {}) });
  }

  findings(rule: string, build: (evidence: E[], resource: Resource) => { message: string; related: Related[] }): Finding[] {
    return [...this.entries.values()].map((e) => {
      const { message, related } = build(e.evidence, e.resource);
      return { rule, message, anchor: at(e.resource, e.path, e.part), related: dedupeRelated(related) };
    });
  }
}

export function dedupeRelated(related: readonly Related[]): Related[] {
  const seen = new Set<string>();
  const out: Related[] = [];
  for (const r of related) {
    const key = 'resource' in r.anchor ? `${r.anchor.resource.id}|${r.anchor.path.join('.')}` : `${r.anchor.file}|${r.anchor.offsets.join(',')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out.slice(0, 10);
}

/** Evidence about one place in a resource, for a rule whose finding gathers many of them. */
export interface PlacedEvidence<D> {
  readonly resource: Resource;
  readonly path: Path;
  readonly part?: 'key' | 'value';
  readonly data: D;
}

export function evidenceAt<D>(rule: string, resource: Resource, path: Path, data: D, part?: 'key' | 'value') {
  const placed: PlacedEvidence<D> = { resource, path, data, ...(part ? { part } : {}) };
  return { rule, group: `${rule}|${resource.id}|${path.join('\u0000')}|${part ?? ''}`, data: placed };
}

/** The findings of evidence groups built by `evidenceAt`: one per group, built from all its data. */
export function reducePlaced<D>(
  evidence: ReadonlyArray<{ rule: string; data: unknown }>,
  build: (rule: string, data: D[], resource: Resource) => { message: string; related: Related[] } | undefined,
): Finding[] {
  const first = evidence[0];
  if (!first) return [];
  const placed = evidence.map((e) => e.data as PlacedEvidence<D>);
  const head = placed[0];
  const built = build(first.rule, placed.map((p) => p.data), head.resource);
  if (!built) return [];
  return [{ rule: first.rule, message: built.message, anchor: at(head.resource, head.path, head.part), related: dedupeRelated(built.related) }];
}
