// Renders JSON values as YAML text in many legitimate styles: block or flow collections, quoted
// or plain scalars, comments everywhere, CRLF, BOM, `---` / `...` markers, tabs after colons,
// anchors and aliases for repeated collections, merge keys (`<<:`). Every style means the same
// values: `renderEquivalence` in the property tests checks that the parser agrees.
import fc from 'fast-check';
import type { Json } from './arbitraries';

export interface RenderStyle {
  readonly indent: 2 | 4;
  /** Sequence items indented under their key (`key:\n  - a`) rather than level with it. */
  readonly indentSequences: boolean;
  /** Collections at this depth or deeper are written in flow style (`{a: 1}`, `[1]`). */
  readonly flowDepth: number;
  readonly quoting: 'minimal' | 'double' | 'single';
  readonly quoteKeys: boolean;
  readonly comments: boolean;
  readonly blankLines: boolean;
  readonly eol: '\n' | '\r\n';
  readonly bom: boolean;
  readonly startMarker: boolean;
  readonly endMarker: boolean;
  /** A tab (not a space) after `key:` before a scalar. */
  readonly tabs: boolean;
  /** A repeated collection is written once with an anchor and then as an alias. */
  readonly aliases: boolean;
  /** Maps of two or more keys write their first key through a merge key: `<<: {k: v}`. */
  readonly mergeKeys: boolean;
  /** Multi-line strings as literal block scalars (`|-`). */
  readonly blockScalars: boolean;
}

export const PLAIN_STYLE: RenderStyle = {
  indent: 2, indentSequences: false, flowDepth: Infinity, quoting: 'minimal', quoteKeys: false, comments: false, blankLines: false,
  eol: '\n', bom: false, startMarker: false, endMarker: false, tabs: false, aliases: false, mergeKeys: false, blockScalars: false,
};

export const renderStyle: fc.Arbitrary<RenderStyle> = fc.record({
  indent: fc.constantFrom<2 | 4>(2, 4),
  indentSequences: fc.boolean(),
  flowDepth: fc.constantFrom(Infinity, Infinity, 0, 1, 2, 3, 4),
  quoting: fc.constantFrom<'minimal' | 'double' | 'single'>('minimal', 'minimal', 'double', 'single'),
  quoteKeys: fc.boolean(),
  comments: fc.boolean(),
  blankLines: fc.boolean(),
  eol: fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'),
  bom: fc.boolean(),
  startMarker: fc.boolean(),
  endMarker: fc.boolean(),
  tabs: fc.boolean(),
  aliases: fc.boolean(),
  mergeKeys: fc.boolean(),
  blockScalars: fc.boolean(),
});

const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~|<<|=)$/i;

function plainSafe(s: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_./-]*$/.test(s) && !RESERVED.test(s) && !s.endsWith(':');
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

export function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) out += `\\x${hex(c, 2)}`;
    else if (c === 0xfeff || c === 0x2028 || c === 0x2029 || (c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) out += `\\u${hex(c, 4)}`;
    else out += ch;
  }
  return out + '"';
}

function singleQuotable(s: string): boolean {
  return /^[\x20-\x7e]*$/.test(s) && !/^\s|\s$/.test(s);
}

function blockScalarOk(s: string): boolean {
  return s.includes('\n') && /^[\x20-\x7e\n]*$/.test(s) && !/^[ \n]/.test(s) && !/[ ]\n|[ ]$|\n\n|\n$|\n /.test(s);
}

class Writer {
  private lines: string[] = [];
  private anchors = new Map<string, string>();
  private nextAnchor = 0;
  private commentNo = 0;

  constructor(private readonly s: RenderStyle) {}

  text(): string {
    return this.lines.join(this.s.eol);
  }

  resetDocument(): void {
    this.anchors.clear();
  }

  push(line: string): void {
    this.lines.push(line);
  }

  private comment(): string {
    return `# note ${this.commentNo++}: keep this`;
  }

  scalar(v: Json): string {
    if (v === null) return 'null';
    if (typeof v === 'boolean') return String(v);
    if (typeof v === 'number') return Object.is(v, -0) ? '-0.0' : String(v);
    if (typeof v !== 'string') throw new Error('not a scalar');
    if (this.s.quoting === 'double') return doubleQuoted(v);
    if (this.s.quoting === 'single' && singleQuotable(v)) return `'${v.replace(/'/g, "''")}'`;
    return plainSafe(v) ? v : doubleQuoted(v);
  }

  key(k: string): string {
    if (this.s.quoteKeys || !plainSafe(k)) return this.s.quoting === 'single' && singleQuotable(k) ? `'${k.replace(/'/g, "''")}'` : doubleQuoted(k);
    return k;
  }

  /** An anchor to write before a collection (`&aN `), or an alias to write instead of it. */
  private reuse(v: Json): { alias?: string; anchor?: string } {
    if (!this.s.aliases || v === null || typeof v !== 'object') return {};
    const size = Array.isArray(v) ? v.length : Object.keys(v).length;
    if (size === 0) return {};
    const key = JSON.stringify(v);
    const known = this.anchors.get(key);
    if (known) return { alias: `*${known}` };
    const name = `a${this.nextAnchor++}`;
    this.anchors.set(key, name);
    return { anchor: `&${name}` };
  }

  flow(v: Json): string {
    if (v === null || typeof v !== 'object') return this.scalar(v);
    const { alias, anchor } = this.reuse(v);
    if (alias) return alias;
    const prefix = anchor ? `${anchor} ` : '';
    if (Array.isArray(v)) return `${prefix}[${v.map((x) => this.flow(x)).join(', ')}]`;
    const entries = Object.entries(v);
    const parts = entries.map(([k, x]) => `${this.key(k)}: ${this.flow(x)}`);
    if (this.s.mergeKeys && entries.length >= 2) parts[0] = `<<: {${parts[0]}}`;
    return `${prefix}{${parts.join(', ')}}`;
  }

  private isBlockCollection(v: Json, depth: number): boolean {
    return v !== null && typeof v === 'object' && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0) && depth < this.s.flowDepth;
  }

  /** `prefix` holds what comes before the value on its line (`key:` or `-`). */
  private valueAfter(prefix: string, v: Json, indent: number, depth: number): void {
    if (typeof v === 'string' && this.s.blockScalars && blockScalarOk(v)) {
      this.push(`${prefix} |-`);
      for (const l of v.split('\n')) this.push(`${' '.repeat(indent + this.s.indent)}${l}`);
      return;
    }
    if (!this.isBlockCollection(v, depth)) {
      // A tab separates `key:` from its value; after `-` both parsers take it for indentation.
      const sep = this.s.tabs && !prefix.endsWith('-') ? '\t' : ' ';
      const trailing = this.s.comments && (v === null || typeof v !== 'object') ? ` ${this.comment()}` : '';
      this.push(`${prefix}${sep}${this.flow(v)}${trailing}`);
      return;
    }
    const { alias, anchor } = this.reuse(v);
    if (alias) {
      this.push(`${prefix} ${alias}`);
      return;
    }
    this.push(`${prefix}${anchor ? ` ${anchor}` : ''}${this.s.comments ? ` ${this.comment()}` : ''}`);
    if (Array.isArray(v)) this.sequence(v, prefix.trimStart().startsWith('-') ? indent + this.s.indent : this.s.indentSequences ? indent + this.s.indent : indent, depth + 1);
    else this.map(v as { [k: string]: Json }, indent + this.s.indent, depth + 1);
  }

  map(v: { [k: string]: Json }, indent: number, depth: number): void {
    const pad = ' '.repeat(indent);
    const entries = Object.entries(v);
    entries.forEach(([k, x], i) => {
      if (this.s.comments && i % 2 === 0) this.push(`${pad}${this.comment()}`);
      if (this.s.blankLines && i === 1) this.push('');
      if (this.s.mergeKeys && i === 0 && entries.length >= 2) {
        this.push(`${pad}<<: {${this.key(k)}: ${this.flow(x)}}`);
        return;
      }
      this.valueAfter(`${pad}${this.key(k)}:`, x, indent, depth);
    });
  }

  sequence(v: Json[], indent: number, depth: number): void {
    const pad = ' '.repeat(indent);
    for (const x of v) {
      if (this.s.comments) this.push(`${pad}${this.comment()}`);
      if (this.isBlockCollection(x, depth) && !Array.isArray(x)) {
        const { alias, anchor } = this.reuse(x);
        if (alias) {
          this.push(`${pad}- ${alias}`);
          continue;
        }
        if (anchor) {
          this.push(`${pad}- ${anchor}`);
          this.map(x as { [k: string]: Json }, indent + 2, depth + 1);
          continue;
        }
        // `- key: value` with the other keys aligned under the first.
        const start = this.lines.length;
        this.map(x as { [k: string]: Json }, indent + 2, depth + 1);
        const first = this.lines.findIndex((l, i) => i >= start && !l.trimStart().startsWith('#') && l.trim() !== '');
        if (first >= 0) {
          const line = this.lines[first];
          this.lines[first] = `${pad}- ${line.slice(indent + 2)}`;
        }
        continue;
      }
      this.valueAfter(`${pad}-`, x, indent, depth);
    }
  }

  document(v: Json): void {
    this.resetDocument();
    if (this.s.comments) this.push(this.comment());
    if (v !== null && typeof v === 'object' && this.isBlockCollection(v, 0)) {
      if (Array.isArray(v)) this.sequence(v, 0, 1);
      else this.map(v, 0, 1);
    } else {
      this.push(this.flow(v));
    }
  }
}

/** Documents as one file's text in the given style. */
export function renderYaml(docs: readonly Json[], style: RenderStyle = PLAIN_STYLE): string {
  const w = new Writer(style);
  docs.forEach((d, i) => {
    if (i > 0 || style.startMarker) w.push('---');
    w.document(d);
    if (style.endMarker) w.push('...');
  });
  w.push('');
  return (style.bom ? '\uFEFF' : '') + w.text();
}
