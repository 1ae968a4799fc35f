import type { Hover } from 'vscode-languageserver';
import type { EditorSnapshot } from '../editorSnapshot';
import { resourceAt } from '../locate';
import type { ParsedFile } from '../../workspace/parsedFile';
import type { Range } from '../../workspace/parsedFile';
import type { HoverContext } from './hoverContext';
import { linkerFor } from './links';
import { peerAuthnHover } from './peerAuthnHover';
import { destinationRuleHover } from './destinationRuleHover';
import { authorizationHover } from './authorizationHover';
import { workloadHover } from './workloadHover';
import { serviceEntryHover, serviceHover } from './serviceHover';

function rangeOfSpan(file: ParsedFile, span: readonly [number, number]): Range {
  const a = file.lineCounter.linePos(span[0]);
  const b = file.lineCounter.linePos(Math.max(span[0], span[1]));
  return { start: { line: a.line - 1, character: a.col - 1 }, end: { line: b.line - 1, character: b.col - 1 } };
}

/** The Markdown for the resource under the cursor, by kind; undefined for kinds without a hover. */
function markdownFor(ctx: HoverContext): string | undefined {
  const r = ctx.at.resource;
  const { model } = ctx;
  switch (r.kind) {
    case 'PeerAuthentication': {
      const pa = model.peerAuthentications.find((p) => p.resource === r);
      return pa && peerAuthnHover(ctx, pa);
    }
    case 'DestinationRule': {
      const dr = model.destinationRules.find((d) => d.resource === r);
      return dr && destinationRuleHover(ctx, dr);
    }
    case 'AuthorizationPolicy': {
      const ap = model.authorizationPolicies.find((a) => a.resource === r);
      return ap && authorizationHover(ctx, ap);
    }
    case 'Service': {
      const svc = model.services.find((s) => s.resource === r);
      return svc && serviceHover(ctx, svc);
    }
    case 'ServiceEntry': {
      const se = model.serviceEntries.find((s) => s.resource === r);
      return se && serviceEntryHover(ctx, se);
    }
    default: {
      const w = model.workloads.find((x) => x.resource === r);
      return w && workloadHover(ctx, w);
    }
  }
}

/**
 * Hover for a position in a workspace file: the effective policy around the resource under the
 * cursor, in Markdown, with links to the resources it names. null outside any resource.
 */
export function hoverAt(snapshot: EditorSnapshot, path: string, offset: number): Hover | null {
  const file = snapshot.file(path);
  if (!file) return null;
  const at = resourceAt(snapshot.result, file, offset);
  if (!at) return null;
  const ctx: HoverContext = { snapshot, at, model: at.context.model, sem: at.context.sem, links: linkerFor(snapshot) };
  const value = markdownFor(ctx);
  if (!value) return null;
  return { contents: { kind: 'markdown', value }, range: rangeOfSpan(file, at.span) };
}
