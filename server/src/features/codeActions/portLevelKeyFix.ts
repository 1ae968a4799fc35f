// `port-level-service-port` (§A7): portLevelMtls keys are container (target) ports.
import { isMap } from 'yaml';
import { selectorMatches } from '../../semantics/labelMatch';
import { resolveTargetPort } from '../../semantics/destinations';
import { single, type Fix, type FixBuilder, type FixInput } from './fix';
import { replaceKeyText } from './textEdits';
import { keyOf, walkPath } from './yamlNodes';
import { nameText, SHOWN_CHARACTERS } from '../../rules/quoteValue';

interface Target {
  readonly port: number;
  readonly service?: string;
}

/** The targetPort the Service port reaches on the workloads the policy selects, from the model. */
function targetFromModel(input: FixInput, key: string): Target | undefined {
  const ctx = input.context;
  const pa = ctx?.model.peerAuthentications.find((p) => p.resource.id === input.resource.id);
  if (!ctx || !pa?.selector) return undefined;
  const selector = pa.selector.matchLabels;
  const matched = (ctx.model.workloadsByNamespace.get(pa.namespace) ?? []).filter((w) => selectorMatches(selector, w.labels));
  for (const svc of ctx.model.servicesByNamespace.get(pa.namespace) ?? []) {
    const sp = svc.ports.find((p) => String(p.port) === key);
    const w = sp && matched.find((m) => svc.selector && selectorMatches(svc.selector, m.labels));
    const port = sp && w ? resolveTargetPort(sp, w) : undefined;
    if (port !== undefined && String(port) !== key) return { port, service: svc.name };
  }
  return undefined;
}

/** The finding's message names the port ("Use 8081."): the fallback when the model cannot say. */
function targetFromMessage(message: string): Target | undefined {
  const m = /Use (\d+)\.\s*$/.exec(message);
  return m ? { port: Number(m[1]) } : undefined;
}

export const useTargetPort: FixBuilder = (input): Fix[] => {
  const steps = walkPath(input.doc, input.yamlPath);
  const last = steps?.[steps.length - 1];
  if (!last || !isMap(last.container)) return [];
  const pair = last.container.items[last.index];
  const key = keyOf(pair);
  if (key === undefined) return [];
  const target = targetFromModel(input, key) ?? targetFromMessage(input.finding.message);
  // Another entry for the target port already exists: renaming would duplicate the key.
  if (!target || last.container.items.some((p) => keyOf(p) === String(target.port))) return [];
  const edit = replaceKeyText(pair, String(target.port));
  const via = target.service ? ` (Service ${nameText(target.service)} port ${nameText(key, SHOWN_CHARACTERS)} reaches container port ${target.port})` : '';
  return single(`Use the target port ${target.port} as the portLevelMtls key${via}`, edit && [edit], true);
};
