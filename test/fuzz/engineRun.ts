// Runs the whole engine and every editor feature on a workspace of in-memory files, and checks
// what must hold for any input: nothing throws, no rule set fails, and every range the engine
// returns (findings, related locations, hovers, symbols, lenses, completions, edits) lies inside
// its file. Shared by the property tests, the fuzz smoke test, the long fuzz run and the
// robustness tests.
import type { CodeAction, Diagnostic, DocumentSymbol, Location, Range, TextEdit } from 'vscode-languageserver';
import { parseYamlFile } from '../../server/src/workspace/parseYamlFile';
import { fileKindOf } from '../../server/src/workspace/fileKinds';
import { textOnlyParsedFile } from '../../server/src/workspace/textFileLines';
import type { ParsedFile } from '../../server/src/workspace/parsedFile';
import type { CertificateFile } from '../../server/src/model/kinds/certificateFile';
import { buildEditorSnapshot } from '../../server/src/features/snapshotFromFiles';
import type { EditorSnapshot } from '../../server/src/features/editorSnapshot';
import type { PresentedFinding } from '../../server/src/features/presentedFinding';
import { toDiagnostic } from '../../server/src/features/diagnostics';
import { hoverAt } from '../../server/src/features/hover/hoverAt';
import { definitionAt } from '../../server/src/features/navigation/definition';
import { referencesAt } from '../../server/src/features/navigation/references';
import { completionsAt } from '../../server/src/features/navigation/completion';
import { documentSymbols } from '../../server/src/features/navigation/documentSymbols';
import { codeLenses } from '../../server/src/features/codeLens/codeLenses';
import { codeActions, fixAllAction } from '../../server/src/features/codeActions/codeActions';
import type { RuleSet } from '../../server/src/rules/ruleContext';

export type Files = Record<string, string>;

export const ROOT_URI = 'file:///fuzz';
export const FUZZ_NOW = new Date('2026-11-22T00:00:00Z');
export const uriOf = (path: string) => `${ROOT_URI}/${path}`;
export const pathOfUri = (uri: string) => (uri.startsWith(`${ROOT_URI}/`) ? uri.slice(ROOT_URI.length + 1) : undefined);

export interface Problem {
  /** `throw`: an exception escaped; `rule-error`: a rule set failed (isolated, but a bug); `range`: a range outside its file. */
  readonly kind: 'throw' | 'rule-error' | 'range' | 'edit';
  readonly where: string;
  readonly message: string;
}

export interface Analysed {
  readonly snapshot: EditorSnapshot;
  readonly ruleErrors: ReadonlyArray<{ set: string; error: string }>;
}

function errorText(e: unknown): string {
  try {
    return e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 500) : String(e).slice(0, 500);
  } catch {
    return Object.prototype.toString.call(e);
  }
}

/** Parses and analyses a workspace as the language server does (YAML and certificate files). */
export interface AnalyseOptions {
  readonly ruleSets?: readonly RuleSet[];
  /** Parsed files to reuse, by path and text (the server reuses parses the same way). */
  readonly parseCache?: Map<string, ParsedFile>;
  /** Hand the files to the engine in the order given (the CLI and the server sort them). */
  readonly keepOrder?: boolean;
}

export function analyse(files: Files, options: AnalyseOptions = {}): Analysed {
  const parsed = new Map<string, ParsedFile>();
  const yamlFiles: ParsedFile[] = [];
  const certificateFiles: CertificateFile[] = [];
  const paths = options.keepOrder ? Object.keys(files) : Object.keys(files).sort();
  for (const path of paths) {
    const text = files[path];
    if (fileKindOf(path) === 'certificate') {
      parsed.set(path, textOnlyParsedFile(path, text));
      certificateFiles.push({ path, text });
    } else {
      const key = `${path}\0${text}`;
      const p = options.parseCache?.get(key) ?? parseYamlFile(path, text);
      options.parseCache?.set(key, p);
      parsed.set(path, p);
      yamlFiles.push(p);
    }
  }
  const ruleErrors: Array<{ set: string; error: string }> = [];
  const snapshot = buildEditorSnapshot(
    { workspace: { yamlFiles, certificateFiles }, files: parsed, texts: new Map(Object.entries(files)), uriOf, pathOf: pathOfUri, docsBase: 'https://example.invalid/README.md' },
    {
      settings: { now: FUZZ_NOW, certificateExpiryWarningDays: 30 },
      onRuleError: (set, e) => ruleErrors.push({ set: set.name, error: errorText(e) }),
      ...(options.ruleSets ? { ruleSets: options.ruleSets } : {}),
    },
  );
  return { snapshot, ruleErrors };
}

/** Line lengths of a text with LSP's line breaks (\n, \r\n, \r). */
export function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

function inside(lines: readonly number[], r: Range): boolean {
  const ok = (p: { line: number; character: number }) =>
    Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0 && p.line < lines.length && p.character <= lines[p.line];
  const ordered = r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
  return ok(r.start) && ok(r.end) && ordered;
}

function contains(outer: Range, inner: Range): boolean {
  const le = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

/** Offset of an LSP position (LSP line breaks). */
export function offsetAt(text: string, pos: { line: number; character: number }): number {
  const re = /\r\n|\r|\n/g;
  let line = 0;
  let start = 0;
  while (line < pos.line) {
    const m = re.exec(text);
    if (!m) return text.length;
    start = m.index + m[0].length;
    line++;
  }
  return start + pos.character;
}

/** Applies LSP edits computed on `text`; undefined when they overlap. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string | undefined {
  const spans = edits
    .map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const s of spans) {
    if (s.start < at) return undefined;
    out += text.slice(at, s.start) + s.newText;
    at = s.end;
  }
  return out + text.slice(at);
}

class Checker {
  readonly problems: Problem[] = [];
  private readonly lines = new Map<string, number[]>();

  constructor(private readonly files: Files) {}

  linesOf(path: string): number[] | undefined {
    if (!(path in this.files)) return undefined;
    let l = this.lines.get(path);
    if (!l) {
      l = lineLengths(this.files[path]);
      this.lines.set(path, l);
    }
    return l;
  }

  add(kind: Problem['kind'], where: string, message: string): void {
    if (this.problems.length < 50) this.problems.push({ kind, where, message });
  }

  range(where: string, path: string | undefined, r: Range): void {
    const lines = path === undefined ? undefined : this.linesOf(path);
    if (!lines) this.add('range', where, `points at ${path ?? 'an unknown URI'}, which is not a workspace file`);
    else if (!inside(lines, r)) this.add('range', where, `${path} ${JSON.stringify(r)} is outside the file (${lines.length} lines)`);
  }

  location(where: string, l: Location): void {
    this.range(where, pathOfUri(l.uri), l.range);
  }

  guard<T>(where: string, f: () => T): T | undefined {
    try {
      return f();
    } catch (e) {
      this.add('throw', where, errorText(e) + (e instanceof Error && e.stack ? `\n${e.stack.split('\n').slice(1, 6).join('\n')}` : ''));
      return undefined;
    }
  }
}

function checkSymbols(c: Checker, path: string, list: readonly DocumentSymbol[]): void {
  for (const s of list) {
    c.range(`symbol ${s.name}`, path, s.range);
    c.range(`symbol ${s.name} selection`, path, s.selectionRange);
    if (!contains(s.range, s.selectionRange)) c.add('range', `symbol ${s.name}`, `selectionRange ${JSON.stringify(s.selectionRange)} is not inside range ${JSON.stringify(s.range)}`);
    if (!s.name.trim()) c.add('range', `symbol`, 'a document symbol with an empty name (VS Code rejects it)');
    checkSymbols(c, path, s.children ?? []);
  }
}

function checkActions(c: Checker, files: Files, actions: readonly CodeAction[]): void {
  for (const a of actions) {
    for (const [uri, edits] of Object.entries(a.edit?.changes ?? {})) {
      const target = pathOfUri(uri);
      for (const e of edits) c.range(`action "${a.title}" edit`, target, e.range);
      if (target !== undefined && target in files && applyTextEdits(files[target], edits) === undefined) c.add('edit', `action "${a.title}"`, 'its edits overlap');
    }
  }
}

export interface ExerciseOptions {
  /** Offsets per file at which to ask hover, definition, references and completion: 'all', or a count (spread evenly, ends included). */
  readonly offsets?: 'all' | number;
  /** Extra offsets per file (e.g. chosen by the generator). */
  readonly extraOffsets?: (path: string, text: string) => number[];
  readonly features?: boolean;
  readonly parseCache?: Map<string, ParsedFile>;
}

export function offsetsOf(text: string, how: 'all' | number): number[] {
  if (how === 'all') return Array.from({ length: text.length + 1 }, (_, i) => i);
  if (how <= 0) return [];
  const out = new Set<number>([0, text.length]);
  for (let i = 1; i < how - 1; i++) out.add(Math.floor((i * text.length) / Math.max(how - 1, 1)));
  return [...out].sort((a, b) => a - b);
}

/** The diagnostics the server would publish for a file. */
export function diagnosticsOf(snapshot: EditorSnapshot, path: string): Diagnostic[] {
  return snapshot.findings.filter((f) => f.file === path).map((f) => toDiagnostic(f, snapshot.uriOf, snapshot.docsBase));
}

/** Everything: analysis, finding ranges, and the editor features. Never throws; returns the problems. */
export function exercise(files: Files, options: ExerciseOptions = {}): { problems: Problem[]; findings: readonly PresentedFinding[] } {
  const c = new Checker(files);
  const analysed = c.guard('analysis', () => analyse(files, options.parseCache ? { parseCache: options.parseCache } : {}));
  if (!analysed) return { problems: c.problems, findings: [] };
  const { snapshot, ruleErrors } = analysed;
  for (const e of ruleErrors) c.add('rule-error', `rule set ${e.set}`, e.error);
  for (const f of snapshot.findings) {
    c.range(`finding ${f.rule}`, f.file, f.range);
    for (const r of f.related) c.range(`related of ${f.rule}`, r.file, r.range);
    if (f.message.length > 10_000) c.add('range', `finding ${f.rule}`, `message of ${f.message.length} characters`);
  }
  if (options.features === false) return { problems: c.problems, findings: snapshot.findings };
  for (const path of Object.keys(files).sort()) {
    const text = files[path];
    const symbols = c.guard(`documentSymbols ${path}`, () => documentSymbols(snapshot, path));
    if (symbols) checkSymbols(c, path, symbols);
    const lenses = c.guard(`codeLenses ${path}`, () => codeLenses(snapshot, path));
    for (const l of lenses ?? []) c.range('code lens', path, l.range);
    const diagnostics = c.guard(`diagnostics ${path}`, () => diagnosticsOf(snapshot, path)) ?? [];
    for (const d of diagnostics) for (const r of d.relatedInformation ?? []) c.location(`related information of ${String(d.code)}`, r.location);
    const lines = lineLengths(text);
    const whole: Range = { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1] } };
    const actions = c.guard(`codeActions ${path}`, () => codeActions(snapshot, path, whole, diagnostics));
    checkActions(c, files, actions ?? []);
    // One request per diagnostic, as an editor asks at a cursor.
    for (const d of diagnostics.slice(0, 20)) checkActions(c, files, c.guard(`codeActions ${path} at ${String(d.code)}`, () => codeActions(snapshot, path, d.range, [d])) ?? []);
    const fixAll = c.guard(`fixAllAction ${path}`, () => fixAllAction(snapshot, path));
    if (fixAll) checkActions(c, files, [fixAll]);
    const offsets = new Set([...offsetsOf(text, options.offsets ?? 8), ...(options.extraOffsets?.(path, text) ?? [])]);
    for (const off of offsets) {
      if (off < 0 || off > text.length) continue;
      const hover = c.guard(`hover ${path}@${off}`, () => hoverAt(snapshot, path, off));
      if (hover?.range) c.range(`hover ${path}@${off}`, path, hover.range);
      for (const l of c.guard(`definition ${path}@${off}`, () => definitionAt(snapshot, path, off)) ?? []) c.location(`definition ${path}@${off}`, l);
      for (const l of c.guard(`references ${path}@${off}`, () => referencesAt(snapshot, path, off, true)) ?? []) c.location(`references ${path}@${off}`, l);
      for (const item of c.guard(`completion ${path}@${off}`, () => completionsAt(snapshot, path, off, text)) ?? []) {
        const edit = item.textEdit;
        if (edit && 'range' in edit) c.range(`completion "${item.label}" ${path}@${off}`, path, edit.range);
        if (edit && 'insert' in edit) {
          c.range(`completion "${item.label}" insert`, path, edit.insert);
          c.range(`completion "${item.label}" replace`, path, edit.replace);
        }
      }
    }
  }
  return { problems: c.problems, findings: snapshot.findings };
}

/** A finding as a comparable key: rule, resource and message (ranges differ between formats). */
export function findingKey(f: PresentedFinding): string {
  return `${f.rule} ${f.resource.kind}/${f.resource.namespace}/${f.resource.name} ${f.file}: ${f.message}`;
}
