// The language server entry point: `node server/out/server.js --stdio` (or IPC from the VS Code client).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startLanguageServer } from './lsp/languageServer';

startLanguageServer(createConnection(ProposedFeatures.all));
