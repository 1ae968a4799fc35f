// `duplicate-scope-policy` (§A3), `root-selector-ignored` (§A2): Istio ignores the resource, so
// the fix removes its document (with one `---`).
import { describe } from '../../rules/describe';
import type { Fix, FixInput } from './fix';
import { removeDocuments } from './textEdits';

function removable(input: FixInput): boolean {
  return input.resource.source.basePath.length === 0;
}

export function removeIgnoredDocuments(inputs: readonly FixInput[]): Fix | undefined {
  const list = inputs.filter(removable);
  const first = list[0];
  if (!first) return undefined;
  const indexes = new Set(list.map((i) => i.resource.source.docIndex));
  const edits = removeDocuments(first.text, first.file, indexes);
  if (edits.length === 0) return undefined;
  const why = first.finding.rule === 'root-selector-ignored' ? 'a selector in the root namespace is ignored' : 'an older policy of the same scope wins';
  const title = indexes.size === 1 ? `Remove the ignored ${describe(first.resource)} (${why})` : `Remove the ${indexes.size} ignored PeerAuthentications`;
  return { title, edits, preferred: true };
}

export function removeIgnoredPolicyFix(input: FixInput): Fix[] {
  const fix = removeIgnoredDocuments([input]);
  return fix ? [fix] : [];
}
