/** Markdown building blocks for hovers: short tables with a row cap, escaped cells, inline code. */
import { boundedValue, SHOWN_CHARACTERS, SHOWN_NAME_CHARACTERS } from '../../rules/quoteValue';

/** Rows shown in a hover table before "and N more". */
export const MAX_ROWS = 8;

/** A table cell: no pipe or line break may leak into the table syntax. */
export function cell(text: string): string {
  return text.replace(/(?<!\\)\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function inlineCode(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/** Inline code that survives backticks in the value; a name from a document is bounded (cut when huge, described when secret). */
export function code(text: string): string {
  return boundedValue(text, inlineCode, SHOWN_NAME_CHARACTERS);
}

/** A value from a document (a principal, a namespace pattern) as inline code, cut at about 60 characters. */
export function valueCode(text: string): string {
  return boundedValue(text, inlineCode, SHOWN_CHARACTERS);
}

/** Link text: square brackets would end the label early. */
export function linkLabel(text: string): string {
  return text.replace(/([[\]\\])/g, '\\$1');
}

/** A Markdown table, capped at `max` rows with an "and N more" line. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], max = MAX_ROWS): string {
  const head = `| ${headers.map(cell).join(' | ')} |\n|${headers.map(() => '---').join('|')}|`;
  const shown = rows.slice(0, max).map((r) => `| ${r.map(cell).join(' | ')} |`);
  const more = rows.length > max ? `\n\n_and ${rows.length - max} more_` : '';
  return `${head}\n${shown.join('\n')}${more}`;
}

/** "a, b and 3 more" for short inline lists. */
export function someOf(items: readonly string[], max = 4): string {
  const unique = [...new Set(items)];
  if (unique.length <= 1) return unique[0] ?? '';
  if (unique.length <= max) return `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]}`;
  return `${unique.slice(0, max).join(', ')} and ${unique.length - max} more`;
}

export { plural } from '../../rules/describe';

/** Paragraphs joined by blank lines, empty ones dropped. */
export function paragraphs(parts: ReadonlyArray<string | undefined | false>): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join('\n\n');
}
