import type { CodeLens } from 'vscode-languageserver';
import type { EditorSnapshot } from '../editorSnapshot';
import { rangeOfPath } from '../presenter';
import { peerAuthnVerdict } from './peerAuthnLens';
import { destinationRuleVerdict } from './destinationRuleLens';

/**
 * A one-line verdict above each PeerAuthentication and DestinationRule of a file. Lenses are
 * labels only: their command runs nothing.
 */
export function codeLenses(snapshot: EditorSnapshot, path: string): CodeLens[] {
  const file = snapshot.file(path);
  if (!file) return [];
  const out: Array<{ lens: CodeLens; order: number }> = [];
  for (const context of snapshot.result.contexts) {
    const { model, sem } = context;
    const verdicts = [
      ...model.peerAuthentications.map((pa) => ({ r: pa.resource, verdict: () => peerAuthnVerdict(model, sem, pa) })),
      ...model.destinationRules.map((dr) => ({ r: dr.resource, verdict: () => destinationRuleVerdict(model, sem, dr) })),
    ];
    for (const { r, verdict } of verdicts) {
      if (r.source.file !== path || !context.owned.has(r.id)) continue;
      const start = rangeOfPath(file, r.source.docIndex, r.source.basePath).start;
      out.push({ lens: { range: { start, end: start }, command: { title: verdict(), command: '' } }, order: start.line * 1e6 + start.character });
    }
  }
  return out.sort((a, b) => a.order - b.order).map((x) => x.lens);
}
