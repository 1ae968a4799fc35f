// Text mutations of real manifests: what a person (or a broken generator) does to a YAML file
// on its way to valid: cut, paste, mistype, mis-indent, and what an attacker adds (alias bombs,
// deep nesting, odd tags, control characters).
import fc from 'fast-check';
import { HOSTILE_STRINGS } from './arbitraries';

/** Characters and tokens that change how YAML reads. */
export const YAML_TOKENS: readonly string[] = [
  ':', ': ', '- ', '-', '---\n', '...\n', '\n', '\r\n', '\r', '  ', ' ', '\t', '#', '# c\n', '"', "'", '{', '}', '[', ']', ',', '? ',
  '&a ', '*a', '&b ', '*b', '<<: *a\n', '<<: ', '!!binary ', '!!str ', '!!int ', '!!float ', '!!set ', '!!omap ', '!!pairs ', '!!map ', '!!seq ',
  '!!timestamp ', '!custom ', '!<tag:yaml.org,2002:str> ', '|', '|-', '>', '>+', '%YAML 1.2\n', '%TAG ! tag:x,2000:\n', '\uFEFF', '\u0000', '\u0007',
  '\u2028', '\u0085', '\uFFFE', '\uD800', '{{ .Values.x }}', '{{- if .Values.on }}\n', '{{ end }}\n', 'null', '~', '0x1F', '0o17', '1e309', '-.inf', '.nan',
  '12:30:00', '2001-12-14t21:59:43.10-05:00', '=', '<<', '@', '`', '%', '\\', '\\u', '\\x', '"\\', 'key: value\n', 'kind: List\nitems:\n',
];

export function aliasBomb(levels: number, width: number, anchorPrefix = 'lol'): string {
  const lines = [`${anchorPrefix}0: &${anchorPrefix}0 [${Array(width).fill('"lol"').join(', ')}]`];
  for (let i = 1; i < levels; i++) lines.push(`${anchorPrefix}${i}: &${anchorPrefix}${i} [${Array(width).fill(`*${anchorPrefix}${i - 1}`).join(', ')}]`);
  return lines.join('\n') + '\n';
}

export function deepFlow(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

export function deepBlock(depth: number, indent = 1): string {
  let out = '';
  for (let i = 0; i < depth; i++) out += `${' '.repeat(i * indent)}k${i}:\n`;
  return out + `${' '.repeat(depth * indent)}leaf\n`;
}

export type Mutation =
  | { op: 'delete'; at: number; length: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'truncate'; at: number }
  | { op: 'duplicateLine'; line: number }
  | { op: 'deleteLine'; line: number }
  | { op: 'swapLines'; line: number; other: number }
  | { op: 'indent'; line: number; delta: number }
  | { op: 'replaceValue'; line: number; text: string }
  | { op: 'crlf'; fromLine: number; count: number; eol: '\r\n' | '\r' }
  | { op: 'aliasBomb'; levels: number; width: number; valueLine: number }
  | { op: 'deepNesting'; line: number; depth: number; flow: boolean }
  | { op: 'longLine'; line: number; length: number };

const frac = fc.integer({ min: 0, max: 1_000_000 });
const hostileText = fc.oneof(
  { arbitrary: fc.constantFrom(...YAML_TOKENS), weight: 6 },
  { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 6 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }), weight: 2 },
);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('delete' as const), at: frac, length: fc.integer({ min: 1, max: 40 }) }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant('insert' as const), at: frac, text: hostileText }), weight: 8 },
  { arbitrary: fc.record({ op: fc.constant('truncate' as const), at: frac }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('duplicateLine' as const), line: frac }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('deleteLine' as const), line: frac }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('swapLines' as const), line: frac, other: frac }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('indent' as const), line: frac, delta: fc.integer({ min: -4, max: 4 }) }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('replaceValue' as const), line: frac, text: hostileText }), weight: 6 },
  { arbitrary: fc.record({ op: fc.constant('crlf' as const), fromLine: frac, count: fc.integer({ min: 1, max: 50 }), eol: fc.constantFrom<'\r\n' | '\r'>('\r\n', '\r') }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('aliasBomb' as const), levels: fc.integer({ min: 3, max: 9 }), width: fc.integer({ min: 2, max: 9 }), valueLine: frac }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('deepNesting' as const), line: frac, depth: fc.constantFrom(50, 150, 199, 200, 201, 300, 1000, 3000, 10000), flow: fc.boolean() }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('longLine' as const), line: frac, length: fc.constantFrom(1000, 20_000, 200_000) }), weight: 1 },
);

function lineIndex(text: string, f: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return f % n;
}

function splitLines(text: string): string[] {
  return text.split('\n');
}

export function applyMutation(text: string, m: Mutation): string {
  const len = text.length;
  const pos = (f: number) => (len === 0 ? 0 : f % (len + 1));
  switch (m.op) {
    case 'delete': {
      const at = pos(m.at);
      return text.slice(0, at) + text.slice(at + m.length);
    }
    case 'insert': {
      const at = pos(m.at);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'truncate':
      return text.slice(0, pos(m.at));
    case 'duplicateLine': {
      const lines = splitLines(text);
      const i = lineIndex(text, m.line);
      lines.splice(i, 0, lines[i] ?? '');
      return lines.join('\n');
    }
    case 'deleteLine': {
      const lines = splitLines(text);
      lines.splice(lineIndex(text, m.line), 1);
      return lines.join('\n');
    }
    case 'swapLines': {
      const lines = splitLines(text);
      const a = lineIndex(text, m.line);
      const b = lineIndex(text, m.other);
      [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
      return lines.join('\n');
    }
    case 'indent': {
      const lines = splitLines(text);
      const i = lineIndex(text, m.line);
      const l = lines[i] ?? '';
      lines[i] = m.delta >= 0 ? ' '.repeat(m.delta) + l : l.replace(new RegExp(`^ {0,${-m.delta}}`), '');
      return lines.join('\n');
    }
    case 'replaceValue': {
      const lines = splitLines(text);
      const n = lines.length;
      // The first `key: value` line at or after the chosen one.
      const first = lineIndex(text, m.line);
      for (let k = 0; k < n; k++) {
        const i = (first + k) % n;
        const match = /^(\s*(?:- )?[^#:\s][^:#]*:\s)(\S.*)$/.exec(lines[i]);
        if (match) {
          lines[i] = match[1] + m.text;
          return lines.join('\n');
        }
      }
      return text;
    }
    case 'crlf': {
      const lines = splitLines(text);
      const i = lineIndex(text, m.fromLine);
      const head = lines.slice(0, i).join('\n');
      const mid = lines.slice(i, i + m.count).join(m.eol);
      const tail = lines.slice(i + m.count).join('\n');
      return [head, mid, tail].filter((x, k) => x !== '' || k === 1).join(m.eol);
    }
    case 'aliasBomb': {
      // The bomb's anchors at the top of the document holding the chosen line, one of its values
      // replaced by the last alias.
      const lines = splitLines(text);
      const i = lineIndex(text, m.valueLine);
      let top = i;
      while (top > 0 && !/^---/.test(lines[top])) top--;
      if (/^---/.test(lines[top])) top++;
      const bomb = aliasBomb(m.levels, m.width).replace(/\n$/, '').split('\n');
      const valueAt = i + bomb.length;
      lines.splice(top, 0, ...bomb);
      const match = /^(\s*(?:- )?[^#:\s][^:#]*:\s)(\S.*)$/.exec(lines[valueAt] ?? '');
      if (match && valueAt >= top + bomb.length) lines[valueAt] = `${match[1]}*lol${m.levels - 1}`;
      return lines.join('\n');
    }
    case 'deepNesting': {
      const lines = splitLines(text);
      const i = lineIndex(text, m.line);
      const indent = /^\s*/.exec(lines[i] ?? '')?.[0] ?? '';
      // Block nesting costs depth² characters: at most 1,000 levels (500 kB).
      const nested = m.flow ? `${indent}deep: ${deepFlow(m.depth)}` : `${indent}deep:\n` + deepBlock(Math.min(m.depth, 1000)).replace(/^/gm, `${indent} `).trimEnd();
      lines.splice(i, 0, nested);
      return lines.join('\n');
    }
    case 'longLine': {
      const lines = splitLines(text);
      const i = lineIndex(text, m.line);
      const indent = /^\s*/.exec(lines[i] ?? '')?.[0] ?? '';
      lines.splice(i, 0, `${indent}long: ${'x'.repeat(m.length)}`);
      return lines.join('\n');
    }
  }
}

export function applyMutations(text: string, ms: readonly Mutation[]): string {
  return ms.reduce(applyMutation, text);
}
