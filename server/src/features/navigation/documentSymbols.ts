import type { DocumentSymbol, SymbolKind } from 'vscode-languageserver';
import { readResources, type Resource } from '../../model/resource';
import { ownValue } from '../../model/read';
import type { ParsedFile, Range } from '../../workspace/parsedFile';
import type { EditorSnapshot } from '../editorSnapshot';
import { rangeOfPath } from '../presenter';
import { NAME_PATH } from './targets';
import { nsName } from '../../rules/describe';
import { nameText } from '../../rules/quoteValue';

// SymbolKind values (LSP 3.17); the protocol's enum is a type-only import here.
const NAMESPACE: typeof SymbolKind.Namespace = 3;
const CLASS: typeof SymbolKind.Class = 5;
const INTERFACE: typeof SymbolKind.Interface = 11;
const OBJECT: typeof SymbolKind.Object = 19;
const KEY: typeof SymbolKind.Key = 20;
const STRUCT: typeof SymbolKind.Struct = 23;

const KIND_SYMBOLS: Readonly<Record<string, SymbolKind>> = {
  Namespace: NAMESPACE,
  // Workloads: what runs.
  Pod: CLASS, Deployment: CLASS, StatefulSet: CLASS, DaemonSet: CLASS, ReplicaSet: CLASS, Job: CLASS, CronJob: CLASS, WorkloadEntry: CLASS,
  // What clients call.
  Service: INTERFACE, ServiceEntry: INTERFACE, Gateway: INTERFACE,
  // Identities and key material.
  ServiceAccount: KEY, Secret: KEY,
  // Mesh policy and traffic configuration.
  PeerAuthentication: STRUCT, AuthorizationPolicy: STRUCT, RequestAuthentication: STRUCT, DestinationRule: STRUCT,
  VirtualService: STRUCT, Sidecar: STRUCT, Policy: STRUCT, MeshPolicy: STRUCT,
};

/** The outline symbol kind of a Kubernetes kind. */
export function symbolKindOf(kind: string): SymbolKind {
  return ownValue(KIND_SYMBOLS, kind) ?? OBJECT;
}

/** `Kind namespace/name`, or `Kind name` for cluster-scoped kinds (effective namespace, rules.md). */
export function symbolName(r: Resource): string {
  return `${nameText(r.kind)} ${nsName(r)}`;
}

function rangeOfOffsets(file: ParsedFile, start: number, end: number): Range {
  const a = file.lineCounter.linePos(start);
  const b = file.lineCounter.linePos(Math.max(start, end));
  return { start: { line: a.line - 1, character: a.col - 1 }, end: { line: b.line - 1, character: b.col - 1 } };
}

/**
 * The outline: one symbol per resource, in document order (the items of a `kind: List` each get
 * one). The range is the document (the item for a List), the selection its metadata.name.
 * Documents that do not load, templates and documents without kind and metadata.name are not
 * resources (rules.md) and get no symbol.
 */
export function documentSymbols(snapshot: EditorSnapshot, path: string): DocumentSymbol[] {
  const file = snapshot.file(path);
  if (!file || file.skipped) return [];
  const out: DocumentSymbol[] = [];
  for (const doc of file.documents) {
    if (doc.syntaxError || doc.template || doc.value === undefined) continue;
    for (const r of readResources(doc.value, path, doc.index)) {
      const range = r.source.basePath.length ? rangeOfPath(file, doc.index, r.source.basePath) : rangeOfOffsets(file, doc.span[0], doc.span[1]);
      out.push({
        name: symbolName(r),
        ...(r.apiVersion ? { detail: r.apiVersion } : {}),
        kind: symbolKindOf(r.kind),
        range,
        selectionRange: rangeOfPath(file, doc.index, [...r.source.basePath, ...NAME_PATH]),
      });
    }
  }
  return out;
}
