// The robustness and security suites' language server: the LSP suite's harness
// (test/support/lspHarness.ts), which records every log line and notification from the first byte
// and has typed requests for every feature.
import type { Position } from 'vscode-languageserver-protocol/node';

export { startHarness as startTestServer, type Harness as TestServer, type HarnessOptions as TestServerOptions, type LogLine } from '../../support/lspHarness';

/** LSP positions of every offset of a text (LSP line breaks: \n, \r\n, \r). */
export function positionsOf(text: string): Position[] {
  const out: Position[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i <= text.length; i++) {
    out.push({ line, character });
    const c = text[i];
    if (c === '\r' && text[i + 1] === '\n') i++; // no position between \r and \n
    if (c === '\n' || c === '\r') {
      line++;
      character = 0;
    } else character++;
  }
  return out;
}
