// Custom messages between the extension and the language server, declared once for both sides.
export type { ResourceLocation } from './location';
export * from './meshMap';
export * from './workspaceMesh';
export * from './modelChanged';
