import { readResources, identityOf, type Resource } from '../model/resource';
import { asMap, asString } from '../model/read';
import type { Finding } from '../rules/finding';
import { describe } from '../rules/describe';
import { nameText } from '../rules/quoteValue';

/** A parser message is shown up to this length (it may quote the document). */
const MAX_PARSER_MESSAGE = 500;
import type { ParsedFile } from './parsedFile';

/** What one file contributes: its resources (latest document per identity) and input findings. */
export interface FileContribution {
  readonly resources: readonly Resource[];
  readonly findings: readonly Finding[];
}

function brokenIdentity(value: unknown): { kind: string; namespace: string; name: string } {
  const body = asMap(value);
  const metadata = asMap(body?.metadata);
  return {
    kind: asString(body?.kind) ?? '',
    namespace: asString(metadata?.namespace) ?? '',
    name: asString(metadata?.name) ?? '',
  };
}

/**
 * The resources of a parsed file, with `yaml-syntax` for documents that do not load and
 * `duplicate-resource` for documents replaced by a later one with the same identity.
 */
export function fileContribution(file: ParsedFile): FileContribution {
  const findings: Finding[] = [];
  const resources: Resource[] = [];
  if (file.skipped) return { resources, findings };
  for (const d of file.documents) {
    if (d.syntaxError) {
      if (d.template) continue; // a Helm template: skipped quietly
      let partial: unknown;
      try {
        partial = d.doc.toJS({ maxAliasCount: 100 });
      } catch {
        partial = undefined;
      }
      findings.push({
        rule: 'yaml-syntax',
        message: `This document does not parse, so it is not analysed: ${nameText(d.syntaxError.message, MAX_PARSER_MESSAGE)}`,
        anchor: { file: file.path, offsets: d.syntaxError.offsets, identity: brokenIdentity(partial) },
        related: [],
      });
      continue;
    }
    if (d.template) continue;
    resources.push(...readResources(d.value, file.path, d.index));
  }
  const lastByIdentity = new Map<string, Resource>();
  for (const r of resources) lastByIdentity.set(identityOf(r), r);
  const kept: Resource[] = [];
  for (const r of resources) {
    const last = lastByIdentity.get(identityOf(r));
    if (last === r) {
      kept.push(r);
      continue;
    }
    findings.push({
      rule: 'duplicate-resource',
      message: `${describe(r)} appears again later in this file; the later document replaces this one (as kubectl apply would), so this one is not analysed.`,
      anchor: { resource: r, path: ['metadata', 'name'] },
      related: last ? [{ anchor: { resource: last, path: ['metadata', 'name'] }, message: 'the document that replaces it' }] : [],
    });
  }
  return { resources: kept, findings };
}
