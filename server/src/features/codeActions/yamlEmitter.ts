import { scalarText } from './yamlText';

/** Writes new block-style YAML line by line, in a file's indentation step and line ends. */
export class YamlLines {
  private readonly lines: string[] = [];

  constructor(private readonly unit: number, private readonly eol: string) {}

  line(depth: number, content: string): this {
    return this.at(depth * this.unit, content);
  }

  /** A line at a column (for keys after `- `, which sit two columns right of the dash). */
  at(column: number, content: string): this {
    this.lines.push(' '.repeat(column) + content);
    return this;
  }

  comment(depth: number, content: string): this {
    return this.line(depth, `# ${content}`);
  }

  /** `key: value` with the value quoted when a plain scalar would read differently. */
  entry(depth: number, key: string, value: string): this {
    return this.line(depth, `${scalarText(key)}: ${scalarText(value)}`);
  }

  /** A `name:` line followed by a string map, omitted when the map is empty. */
  map(depth: number, name: string, values: Readonly<Record<string, string>>): this {
    const entries = Object.entries(values);
    if (entries.length === 0) return this;
    this.line(depth, `${name}:`);
    for (const [k, v] of entries) this.entry(depth + 1, k, v);
    return this;
  }

  toString(): string {
    return this.lines.map((l) => l + this.eol).join('');
  }
}
