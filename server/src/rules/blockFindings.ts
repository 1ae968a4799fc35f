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
