// Tokenizes text as VS Code does: vscode-textmate with vscode-oniguruma's wasm, VS Code 1.100's
// YAML grammar (yaml-grammar/), and this extension's grammars from syntaxes/ (package.json decides
// which grammar is injected into which scope).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { repoRoot } from '../cli/helpers';

const root = repoRoot();
const yamlDir = join(root, 'test', 'unit', 'grammar', 'yaml-grammar');

interface GrammarContribution {
  readonly scopeName: string;
  readonly path: string;
  readonly language?: string;
  readonly injectTo?: readonly string[];
}

export function contributedGrammars(): GrammarContribution[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes?: { grammars?: GrammarContribution[] } };
  return pkg.contributes?.grammars ?? [];
}

const YAML_SCOPES: Record<string, string> = {
  'source.yaml': 'yaml.tmLanguage.json',
  'source.yaml.1.0': 'yaml-1.0.tmLanguage.json',
  'source.yaml.1.1': 'yaml-1.1.tmLanguage.json',
  'source.yaml.1.2': 'yaml-1.2.tmLanguage.json',
  'source.yaml.1.3': 'yaml-1.3.tmLanguage.json',
  'source.yaml.embedded': 'yaml-embedded.tmLanguage.json',
};

const registries = new Map<boolean, Promise<textmate.Registry>>();
let wasmReady: Promise<void> | undefined;

function createRegistry(withInjections: boolean): Promise<textmate.Registry> {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  wasmReady ??= oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const ready = wasmReady;
  const ours = contributedGrammars();
  const reg = new textmate.Registry({
    onigLib: ready.then(() => ({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    })),
    loadGrammar: async (scopeName) => {
      const yaml = YAML_SCOPES[scopeName];
      const file = yaml ? join(yamlDir, yaml) : ours.find((g) => g.scopeName === scopeName)?.path;
      if (!file) return null;
      const path = yaml ? file : join(root, file);
      return textmate.parseRawGrammar(readFileSync(path, 'utf8'), path);
    },
    getInjections: (scopeName) => (withInjections ? ours : []).filter((g) => g.injectTo?.includes(scopeName)).map((g) => g.scopeName),
  });
  return Promise.resolve(reg);
}

export interface Token {
  readonly text: string;
  readonly scopes: readonly string[];
}

/** The tokens of each line of `text` under the grammar of `scopeName`. */
export async function tokenize(scopeName: string, text: string, options: { injections?: boolean } = {}): Promise<Token[][]> {
  const withInjections = options.injections ?? true;
  let registry = registries.get(withInjections);
  if (!registry) {
    registry = createRegistry(withInjections);
    registries.set(withInjections, registry);
  }
  const grammar = await (await registry).loadGrammar(scopeName);
  if (!grammar) throw new Error(`no grammar for ${scopeName}`);
  let state = textmate.INITIAL;
  const out: Token[][] = [];
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, state);
    out.push(r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes })));
    state = r.ruleStack;
  }
  return out;
}

/** The scopes of the first token whose text is `text` (on any line), or undefined. */
export function scopesOf(lines: Token[][], text: string): readonly string[] | undefined {
  for (const l of lines) for (const t of l) if (t.text === text) return t.scopes;
  return undefined;
}

/** Scopes of every token, flattened to "text => last scope" lines, for readable failures. */
export function dump(lines: Token[][]): string {
  return lines.map((l) => l.map((t) => `${JSON.stringify(t.text)}=>${t.scopes[t.scopes.length - 1]}`).join(' ')).join('\n');
}
