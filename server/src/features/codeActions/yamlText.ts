// Text-level facts about a YAML file that edits must respect: line ends, indentation, quoting.

/** The file's line break: CRLF when its first line break is one, else LF. */
export function eolOf(text: string): string {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

export function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

/** The offset just after the line break that ends the line holding `pos` (a line start stays put). */
export function nextLineStart(text: string, pos: number): number {
  if (pos > 0 && text[pos - 1] === '\n') return pos;
  const nl = text.indexOf('\n', pos);
  return nl < 0 ? text.length : nl + 1;
}

/** The end of the content of the line holding `pos`, before its line break; for a line start, the previous line's. */
export function contentLineEnd(text: string, pos: number): number {
  let end: number;
  if (pos > 0 && text[pos - 1] === '\n') end = pos - 1;
  else {
    const nl = text.indexOf('\n', pos);
    end = nl < 0 ? text.length : nl;
  }
  return end > 0 && text[end - 1] === '\r' ? end - 1 : end;
}

/** Whether only spaces precede `pos` on its line. */
export function startsLine(text: string, pos: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, pos), pos));
}

/** The column of an offset (spaces to reproduce its indentation on a new line). */
export function columnOf(text: string, pos: number): number {
  return pos - lineStart(text, pos);
}

/** The indentation step of a text: the smallest positive indentation of a content line, else 2. */
export function indentUnitOf(text: string): number {
  let unit = Infinity;
  for (const line of text.split('\n')) {
    const m = /^( +)[^ \r#]/.exec(line);
    if (m && m[1].length < unit) unit = m[1].length;
  }
  return unit === Infinity || unit > 8 ? 2 : unit;
}

const RESERVED_PLAIN = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
const NUMBER_LIKE = /^[-+]?(?:\d[\d_]*(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+|0x[0-9a-fA-F]+|0o[0-7]+|\.inf|\.Inf|\.INF|\.nan|\.NaN|\.NAN)$/;

/** Whether a string can be written as a plain scalar and read back as the same string. */
export function isPlainSafe(s: string): boolean {
  if (s === '' || s.trim() !== s) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s) && !/^[-?:][^\s]/.test(s)) return false;
  if (/^[,[\]{}#&*!|>'"%@`]/.test(s)) return false;
  if (/: |:$| #|[\r\n\t]/.test(s)) return false;
  if (/[,[\]{}]/.test(s)) return false;
  return !RESERVED_PLAIN.test(s) && !NUMBER_LIKE.test(s);
}

/** A string value as YAML: plain when that reads back as the same string, else double-quoted. */
export function scalarText(s: string): string {
  return isPlainSafe(s) ? s : JSON.stringify(s);
}

/** A value written in the quoting style of the scalar it replaces (plain values that need quotes get them). */
export function inStyle(value: string, style: 'plain' | 'double' | 'single'): string {
  if (style === 'double') return JSON.stringify(value);
  if (style === 'single') return `'${value.replace(/'/g, "''")}'`;
  return scalarText(value);
}
