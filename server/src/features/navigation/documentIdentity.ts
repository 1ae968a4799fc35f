import { DEFAULT_NAMESPACE } from '../../model/resource';

/** Kind and effective namespace of a document read from its text, for documents that do not load yet. */
export interface DocumentIdentity {
  readonly kind?: string;
  readonly namespace: string;
}

const KIND = /^kind:[ \t]*["']?([A-Za-z][\w-]*)/m;
const FLOW_METADATA = /^metadata:[ \t]*\{([^}]*)\}/m;
const BLOCK_METADATA = /^metadata:[ \t]*(?:#.*)?\r?$/m;

function cleanScalar(s: string | undefined): string | undefined {
  const v = s?.trim().replace(/^["']|["']$/g, '');
  return v ? v : undefined;
}

/** `metadata.namespace` of a block or flow `metadata` map at the document's top level. */
function namespaceOf(text: string): string | undefined {
  const flow = FLOW_METADATA.exec(text);
  if (flow) return cleanScalar(/(?:^|,)\s*namespace\s*:\s*([^,]+)/.exec(flow[1])?.[1]);
  const block = BLOCK_METADATA.exec(text);
  if (!block) return undefined;
  let childIndent: number | undefined;
  for (const line of text.slice(block.index + block[0].length).split('\n').slice(1)) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    const indent = /^ */.exec(line)![0].length;
    if (indent === 0) break;
    childIndent ??= indent;
    if (indent !== childIndent) continue;
    const m = /^\s*namespace\s*:\s*([^#\r]*)/.exec(line);
    if (m) return cleanScalar(m[1]);
  }
  return undefined;
}

export function documentIdentity(text: string): DocumentIdentity {
  const kind = KIND.exec(text)?.[1];
  return { ...(kind ? { kind } : {}), namespace: namespaceOf(text) ?? DEFAULT_NAMESPACE };
}
