import type { CompletionItem, CompletionItemKind, Range } from 'vscode-languageserver';
import { get, ownValue, type Path } from '../../model/read';
import type { Workload } from '../../model/kinds/workload';
import type { AnalysisResult, AnalyzedContext } from '../../workspace/analyzeWorkspace';
import type { EditorSnapshot } from '../editorSnapshot';
import { resourceAt } from '../locate';
import { cursorLine, type CursorLine } from './cursorLine';
import { clampToCursorLine, cursorOffset } from './lineBounds';
import { lineCounterOf } from '../../workspace/textFileLines';
import { documentIdentity } from './documentIdentity';
import { knownIdentities } from './identityTargets';
import { serviceHost } from '../../semantics/hosts';
import { nsName } from '../../rules/describe';
import { nameText, SHOWN_CHARACTERS } from '../../rules/quoteValue';

// CompletionItemKind values (LSP 3.17); the protocol's enum is a type-only import here.
const PROPERTY: typeof CompletionItemKind.Property = 10;
const VALUE: typeof CompletionItemKind.Value = 12;
const REFERENCE: typeof CompletionItemKind.Reference = 18;
const ENUM_MEMBER: typeof CompletionItemKind.EnumMember = 20;

const PEER_AUTHN_MODES: ReadonlyArray<readonly [string, string]> = [
  ['UNSET', 'Inherit the mode of the parent scope; PERMISSIVE when nothing sets one (§A5)'],
  ['DISABLE', 'Accept plaintext only; Istio mTLS from clients fails (§A9, §C5)'],
  ['PERMISSIVE', 'Accept Istio mTLS and plaintext (§A9)'],
  ['STRICT', 'Accept Istio mTLS only; plaintext is reset (§A9, §C2)'],
];

const CLIENT_TLS_MODES: ReadonlyArray<readonly [string, string]> = [
  ['DISABLE', 'Send plaintext to every endpoint (§B9)'],
  ['SIMPLE', 'Originate TLS without a client certificate (§B9)'],
  ['MUTUAL', 'Originate TLS with your own client certificate (§B9)'],
  ['ISTIO_MUTUAL', 'Istio mTLS with the mesh certificates, to every endpoint (§B9)'],
];

/** Where a kind keeps selector labels (the map whose keys are label names). */
const SELECTOR_LABELS: Readonly<Record<string, Path>> = {
  PeerAuthentication: ['spec', 'selector', 'matchLabels'],
  AuthorizationPolicy: ['spec', 'selector', 'matchLabels'],
  DestinationRule: ['spec', 'workloadSelector', 'matchLabels'],
  Service: ['spec', 'selector'],
  ServiceEntry: ['spec', 'workloadSelector', 'labels'],
};

interface Place {
  readonly cursor: CursorLine;
  readonly kind?: string;
  readonly namespace: string;
  readonly context?: AnalyzedContext;
  /** The LSP range the completion replaces. */
  readonly range: Range;
  /** The partial value follows an opening quote: insert values as they are. */
  readonly quoted: boolean;
}

/**
 * Completion at a cursor in `text` (the document as the editor has it, possibly ahead of the
 * snapshot): enum values of `mode`, hosts of known Services and ServiceEntries, principals and
 * service accounts of known identities, selector labels of known workloads.
 */
export function completionsAt(snapshot: EditorSnapshot, path: string, offset: number, text: string): CompletionItem[] {
  const place = placeOf(snapshot, path, cursorOffset(text, offset), text);
  if (!place) return [];
  const { cursor, kind } = place;
  const keys = cursor.keys;
  const last = keys[keys.length - 1];
  const parent = keys[keys.length - 2];
  if (cursor.slot === 'value' && last === 'mode') {
    if (kind === 'PeerAuthentication' && (parent === 'mtls' || keys[keys.length - 3] === 'portLevelMtls')) return enumItems(place, PEER_AUTHN_MODES);
    if (kind === 'DestinationRule' && parent === 'tls') return enumItems(place, CLIENT_TLS_MODES);
    return [];
  }
  if (cursor.slot === 'value' && last === 'host') {
    const onRuleHost = kind === 'DestinationRule' && keys.length === 2 && keys[0] === 'spec';
    const onRouteHost = kind === 'VirtualService' && (parent === 'destination' || parent === 'mirror');
    return onRuleHost || onRouteHost ? hostItems(place) : [];
  }
  if (kind === 'AuthorizationPolicy' && cursor.slot === 'item' && parent === 'source') {
    if (last === 'principals' || last === 'notPrincipals') return principalItems(place);
    if (last === 'serviceAccounts' || last === 'notServiceAccounts') return accountItems(place);
  }
  const labelsPath = kind ? ownValue(SELECTOR_LABELS, kind) : undefined;
  if (labelsPath && sameKeys(keys, labelsPath) && cursor.slot === 'key') return labelPairItems(place);
  if (labelsPath && keys.length === labelsPath.length + 1 && sameKeys(keys.slice(0, -1), labelsPath) && cursor.slot === 'value') {
    return labelValueItems(place, last);
  }
  return [];
}

function sameKeys(a: readonly string[], b: Path): boolean {
  return a.length === b.length && a.every((k, i) => k === String(b[i]));
}

/** The cursor, and the kind, namespace and analysis context of its document. */
function placeOf(snapshot: EditorSnapshot, path: string, offset: number, text: string): Place | undefined {
  const file = snapshot.file(path);
  const analysed = file && snapshot.text(path) === text ? resourceAt(snapshot.result, file, offset) : undefined;
  let cursor = cursorLine(text, offset);
  if (!cursor && analysed && analysed.part === 'value') {
    // A flow-style value (`mtls: {mode: ST}`): the parser knows the path the line text cannot show.
    const keys = analysed.path.filter((k): k is string => typeof k === 'string');
    const item = typeof analysed.path[analysed.path.length - 1] === 'number';
    const value = get(analysed.resource.body, analysed.path);
    if (value === null || typeof value !== 'object') {
      let start = analysed.span[0];
      // Inside quotes the partial starts after the opening quote; before it, the whole quoted value is replaced.
      if ((text[start] === '"' || text[start] === "'") && start < offset) start++;
      const [from, to] = clampToCursorLine(text, offset, [start, analysed.span[1] - (start > analysed.span[0] ? 1 : 0)]);
      cursor = { keys, slot: item ? 'item' : 'value', partial: text.slice(from, offset), replace: [from, to], needsSpace: false, documentText: '' };
    }
  }
  if (!cursor) return undefined;
  cursor = { ...cursor, replace: clampToCursorLine(text, offset, cursor.replace) };
  const lexical = documentIdentity(cursor.documentText);
  const kind = analysed?.resource.kind ?? lexical.kind;
  const namespace = analysed?.resource.namespace ?? lexical.namespace;
  const context = analysed?.context ?? contextOfFile(snapshot.result, path);
  const quoted = cursor.replace[0] > 0 && (text[cursor.replace[0] - 1] === '"' || text[cursor.replace[0] - 1] === "'");
  return { cursor, namespace, range: rangeOf(text, cursor.replace), quoted, ...(kind ? { kind } : {}), ...(context ? { context } : {}) };
}

/** The context that owns a resource of the file, else the first one. */
function contextOfFile(result: AnalysisResult, path: string): AnalyzedContext | undefined {
  for (const context of result.contexts) {
    if (context.model.resources.some((r) => r.source.file === path && context.owned.has(r.id))) return context;
  }
  return result.contexts[0];
}

/** LSP range of offsets, with the line breaks the parser and the editor count (`\n`, `\r\n`, `\r`). */
function rangeOf(text: string, [start, end]: readonly [number, number]): Range {
  const counter = lineCounterOf(text);
  const pos = (offset: number) => {
    const { line, col } = counter.linePos(offset);
    return { line: line - 1, character: col - 1 };
  };
  return { start: pos(start), end: pos(end) };
}

/** A label value as YAML must write it to stay a string (`"true"`, `"1"`). */
export function yamlString(value: string): string {
  const plain = value !== '' && value.trim() === value && !/^[-+.]?\d|^(true|false|yes|no|on|off|y|n|null|~)$/i.test(value) && !/[:#{}[\],&*!|>'"%@`]/.test(value);
  return plain ? value : JSON.stringify(value);
}

function item(place: Place, label: string, kind: CompletionItem['kind'], detail: string, sortText?: string, insert: string = label): CompletionItem {
  const newText = place.cursor.needsSpace ? ` ${insert}` : insert;
  return {
    label,
    kind,
    detail,
    filterText: insert,
    textEdit: { range: place.range, newText },
    ...(sortText ? { sortText } : {}),
  };
}

function enumItems(place: Place, values: ReadonlyArray<readonly [string, string]>): CompletionItem[] {
  return values.map(([value, detail], i) => item(place, value, ENUM_MEMBER, detail, String(i).padStart(2, '0')));
}

/** §B1: a Service of the rule's namespace by its short name, others by FQDN; ServiceEntry hosts as written. */
function hostItems(place: Place): CompletionItem[] {
  const model = place.context?.model;
  if (!model) return [];
  const out = new Map<string, CompletionItem>();
  for (const svc of model.services) {
    const local = svc.namespace === place.namespace;
    const host = local ? svc.name : serviceHost(svc.name, svc.namespace);
    if (!out.has(host)) out.set(host, item(place, host, REFERENCE, `Service ${nsName(svc)}`, `${local ? 0 : 1}${host}`));
  }
  for (const se of model.serviceEntries) {
    for (const host of se.hosts) {
      if (!out.has(host)) out.set(host, item(place, host, REFERENCE, `ServiceEntry ${nsName(se)}`, `2${host}`));
    }
  }
  return [...out.values()];
}

/** §D5: `<trustDomain>/ns/<ns>/sa/<sa>` with the mesh trust domain, for every known identity. */
function principalItems(place: Place): CompletionItem[] {
  const model = place.context?.model;
  if (!model) return [];
  return knownIdentities(model).map((id) => {
    const value = `${model.mesh.trustDomain}/ns/${id.namespace}/sa/${id.serviceAccount}`;
    return item(place, value, VALUE, `Service account ${id.namespace}/${id.serviceAccount}`, `${id.namespace === place.namespace ? 0 : 1}${value}`);
  });
}

/** §D3: `serviceAccounts` values are `<ns>/<sa>`. */
function accountItems(place: Place): CompletionItem[] {
  const model = place.context?.model;
  if (!model) return [];
  return knownIdentities(model).map((id) => {
    const value = `${id.namespace}/${id.serviceAccount}`;
    return item(place, value, VALUE, `Service account ${value}`, `${id.namespace === place.namespace ? 0 : 1}${value}`);
  });
}

/** The workloads whose labels a selector of this document can pick (§A1; §D2 for a root AuthorizationPolicy). */
function labelPool(place: Place): readonly Workload[] {
  const model = place.context?.model;
  if (!model) return [];
  if (place.kind === 'AuthorizationPolicy' && place.namespace === place.context?.sem.rootNamespace) return model.workloads;
  return model.workloadsByNamespace.get(place.namespace) ?? [];
}

function described(workloads: readonly Workload[]): string {
  const names = workloads.map((w) => `${w.kind} ${nsName(w)}`);
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
}

function labelPairItems(place: Place): CompletionItem[] {
  const pairs = new Map<string, Workload[]>();
  for (const w of labelPool(place)) {
    for (const [k, v] of Object.entries(w.labels)) {
      const label = `${k}: ${place.quoted ? v : yamlString(v)}`;
      pairs.set(label, [...(pairs.get(label) ?? []), w]);
    }
  }
  return [...pairs.entries()].map(([label, ws]) => item(place, label, PROPERTY, `Label of ${described(ws)}`));
}

function labelValueItems(place: Place, key: string): CompletionItem[] {
  const values = new Map<string, Workload[]>();
  for (const w of labelPool(place)) {
    const v = ownValue(w.labels, key);
    if (v !== undefined) values.set(v, [...(values.get(v) ?? []), w]);
  }
  return [...values.entries()].map(([value, ws]) => item(place, value, VALUE, `${nameText(key, SHOWN_CHARACTERS)} of ${described(ws)}`, undefined, place.quoted ? value : yamlString(value)));
}
