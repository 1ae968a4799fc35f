import type { Range } from '../../workspace/parsedFile';
import type { Finding } from '../../rules/finding';
import type { EditorSnapshot } from '../editorSnapshot';
import { presentFinding } from '../presenter';
import type { FixInput } from './fix';
import { FIXES_BY_RULE } from './fixesByRule';

/** A finding that has fixes, with the range its diagnostic shows. */
export interface LocatedFinding {
  readonly finding: Finding;
  readonly range: Range;
  readonly message: string;
}

/**
 * The fixable findings of a file that the editor shows (after severity overrides and rules
 * turned off), in the order of the analysis.
 */
export function fixableFindings(snapshot: EditorSnapshot, path: string): LocatedFinding[] {
  const shown = new Set(snapshot.findingsIn(path).map((f) => `${f.rule}|${rangeKey(f.range)}|${f.message}`));
  const out: LocatedFinding[] = [];
  for (const f of snapshot.result.findings) {
    if (!FIXES_BY_RULE.has(f.rule) || !('resource' in f.anchor) || f.anchor.resource.source.file !== path) continue;
    const presented = presentFinding(f, (p) => snapshot.file(p));
    if (shown.has(`${f.rule}|${rangeKey(presented.range)}|${presented.message}`)) out.push({ finding: f, range: presented.range, message: presented.message });
  }
  return out;
}

export function rangeKey(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** Everything a fix reads about a finding; undefined when its document cannot be edited. */
export function fixInput(snapshot: EditorSnapshot, path: string, finding: Finding): FixInput | undefined {
  const anchor = finding.anchor;
  const file = snapshot.file(path);
  const text = snapshot.text(path);
  if (!('resource' in anchor) || !file || text === undefined || text.length !== file.textLength) return undefined;
  const resource = anchor.resource;
  const parsed = file.documents[resource.source.docIndex];
  if (!parsed || parsed.syntaxError || parsed.template) return undefined;
  return {
    snapshot,
    filePath: path,
    text,
    file,
    finding,
    resource,
    doc: parsed.doc,
    yamlPath: [...resource.source.basePath, ...anchor.path],
    context: snapshot.result.contextOf(resource.id),
  };
}
