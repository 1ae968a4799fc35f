import { isScalar, type Document } from 'yaml';
import { readResources, identityOf, type Resource } from '../model/resource';
import type { Finding } from '../rules/finding';
import { describe } from '../rules/describe';
import { nameText } from '../rules/quoteValue';
import type { ParsedFile } from './parsedFile';

/** A parser message is shown up to this length (it may quote the document). */
const MAX_PARSER_MESSAGE = 500;

/** What one file contributes: its resources (latest document per identity) and input findings. */
export interface FileContribution {
  readonly resources: readonly Resource[];
  readonly findings: readonly Finding[];
}

/**
 * Kind, namespace and name of a document that did not load, as far as its syntax tree has them.
 * Read field by field: turning a broken tree into values can take long (a collection as a key is
 * printed to make it a property name).
 */
function brokenIdentity(doc: Document.Parsed): { kind: string; namespace: string; name: string } {
  const text = (path: readonly string[]): string => {
    try {
      const node = doc.getIn(path, true);
      return isScalar(node) && typeof node.value === 'string' ? node.value : '';
    } catch {
      return '';
    }
  };
  return { kind: text(['kind']), namespace: text(['metadata', 'namespace']), name: text(['metadata', 'name']) };
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
      findings.push({
        rule: 'yaml-syntax',
        message: `This document does not parse, so it is not analysed: ${nameText(d.syntaxError.message, MAX_PARSER_MESSAGE)}`,
        anchor: { file: file.path, offsets: d.syntaxError.offsets, identity: brokenIdentity(d.doc) },
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
