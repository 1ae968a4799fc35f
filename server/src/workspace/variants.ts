import { identityOf, type Resource } from '../model/resource';
import { ancestorFolders, dirOf, sharedFolderDepth } from './folders';

/** A set of resources analysed together, and the resources whose findings it decides. */
export interface AnalysisContext {
  readonly resources: readonly Resource[];
  /** Ids of the resources this context reports for (each resource is owned by exactly one context). */
  readonly owned: ReadonlySet<string>;
}

/** Folders a file is "found under": its ancestors plus folders whose kustomization pulls it in. */
export type FoundUnder = (file: string) => ReadonlySet<string>;

export function ancestorsOnly(file: string): ReadonlySet<string> {
  return new Set(ancestorFolders(file));
}

/**
 * rules.md "variants": documents with one identity in several files are variants of one
 * object. Each document is analysed with one variant of every other such object (same file,
 * else longest shared folder prefix, ties by path), and documents found only under one
 * alternative environment folder never meet documents found only under another.
 */
export function analysisContexts(resources: readonly Resource[], foundUnder: FoundUnder = ancestorsOnly, extraAlternatives: readonly string[][] = []): AnalysisContext[] {
  const byIdentity = new Map<string, Resource[]>();
  for (const r of resources) {
    const id = identityOf(r);
    const list = byIdentity.get(id) ?? [];
    list.push(r);
    byIdentity.set(id, list);
  }
  const variantObjects = [...byIdentity.entries()].filter(([, list]) => new Set(list.map((r) => r.source.file)).size > 1);
  if (variantObjects.length === 0 && extraAlternatives.length === 0) return [{ resources, owned: new Set(resources.map((r) => r.id)) }];

  // Alternative environments: the folders directly holding the variants of one object.
  const groups: string[][] = [...extraAlternatives];
  const seenGroups = new Set<string>(extraAlternatives.map((g) => g.join('\n')));
  for (const [, list] of variantObjects) {
    const folders = [...new Set(list.map((r) => dirOf(r.source.file)))].sort();
    const key = folders.join('\n');
    if (folders.length > 1 && !seenGroups.has(key)) {
      seenGroups.add(key);
      groups.push(folders);
    }
  }
  const membershipCache = new Map<string, string[][]>();
  const membership = (file: string): string[][] => {
    let m = membershipCache.get(file);
    if (!m) {
      const under = foundUnder(file);
      m = groups.map((g) => g.filter((f) => under.has(f)));
      membershipCache.set(file, m);
    }
    return m;
  };
  const compatible = (a: Resource, b: Resource): boolean => {
    const ma = membership(a.source.file);
    const mb = membership(b.source.file);
    for (let g = 0; g < groups.length; g++) {
      const onlyA = ma[g].some((f) => !mb[g].includes(f));
      const onlyB = mb[g].some((f) => !ma[g].includes(f));
      if (onlyA && onlyB) return false;
    }
    return true;
  };
  const variantIds = new Set(variantObjects.map(([id]) => id));
  const plain = resources.filter((r) => !variantIds.has(identityOf(r)));

  const contexts = new Map<string, { resources: Resource[]; owned: Set<string> }>();
  for (const doc of resources) {
    const docIdentity = identityOf(doc);
    const chosen: Resource[] = [];
    for (const [id, list] of variantObjects) {
      if (id === docIdentity) {
        chosen.push(doc);
        continue;
      }
      const pick = chooseVariant(doc, list.filter((v) => compatible(doc, v)));
      if (pick) chosen.push(pick);
    }
    const members = [...plain.filter((r) => r === doc || compatible(doc, r)), ...chosen];
    const key = members.map((r) => r.id).sort().join('\n');
    const ctx = contexts.get(key);
    if (ctx) ctx.owned.add(doc.id);
    else contexts.set(key, { resources: members, owned: new Set([doc.id]) });
  }
  return [...contexts.values()];
}

function chooseVariant(doc: Resource, candidates: Resource[]): Resource | undefined {
  const sameFile = candidates.find((v) => v.source.file === doc.source.file);
  if (sameFile) return sameFile;
  let best: Resource | undefined;
  let bestDepth = -1;
  for (const v of [...candidates].sort((a, b) => (a.source.file < b.source.file ? -1 : a.source.file > b.source.file ? 1 : 0))) {
    const depth = sharedFolderDepth(doc.source.file, v.source.file);
    if (depth > bestDepth) {
      best = v;
      bestDepth = depth;
    }
  }
  return best;
}
