import type { AuthorizationPolicyObject, AuthzRule } from '../../model/kinds/authorizationPolicy';
import type { Workload } from '../../model/kinds/workload';
import type { Path } from '../../model/read';
import { coveredPorts, NEGATIVE_IDENTITY_FIELDS, POSITIVE_IDENTITY_FIELDS, workloadsOfPolicy, type CoveredPorts } from '../../semantics/authorization';
import type { ServerModeResult } from '../../semantics/serverMode';
import type { HoverContext } from './hoverContext';
import { matchIdentityValue, workspaceIdentities, type WorkspaceIdentity } from './identityMatch';
import { code, paragraphs, plural, someOf, table, valueCode } from './markdown';
import { decidedByText } from './serverModeText';

const IDENTITY_FIELDS: readonly string[] = [...POSITIVE_IDENTITY_FIELDS, ...NEGATIVE_IDENTITY_FIELDS];
const IDENTITY_KEYS = ['source.principal', 'source.namespace'];
/** Values of the field under the cursor explained one by one; the rest are counted. */
const MAX_VALUES = 8;

/** The identity field under the cursor: its rule, field (or `when` key), polarity and the values in view. */
interface IdentityAtCursor {
  readonly rule: AuthzRule;
  readonly field: string;
  readonly negative: boolean;
  readonly values: readonly string[];
  /** Other positive identity fields of the same source (they decide how plaintext fares). */
  readonly sourceHasPositive: boolean;
}

function identityAt(ap: AuthorizationPolicyObject, path: Path): IdentityAtCursor | undefined {
  const rule = ap.rules.find((r) => r.path.every((s, i) => String(s) === String(path[i])));
  if (!rule) return undefined;
  const rest = path.slice(rule.path.length);
  if (rest[0] === 'from' && rest[2] === 'source' && typeof rest[3] === 'string' && IDENTITY_FIELDS.includes(rest[3])) {
    const source = rule.from.find((s) => String(s.path[s.path.length - 2]) === String(rest[1]));
    const all = source?.fields[rest[3]] ?? [];
    const values = rest.length > 4 && all[Number(rest[4])] !== undefined ? [all[Number(rest[4])]] : all;
    const sourceHasPositive = POSITIVE_IDENTITY_FIELDS.some((f) => (source?.fields[f]?.length ?? 0) > 0);
    return { rule, field: rest[3], negative: rest[3].startsWith('not'), values, sourceHasPositive };
  }
  if (rest[0] === 'when') {
    const cond = rule.when.find((c) => String(c.path[c.path.length - 1]) === String(rest[1]));
    if (!cond || !IDENTITY_KEYS.includes(cond.key)) return undefined;
    const negative = rest[2] === 'notValues';
    const all = negative ? cond.notValues : cond.values;
    const values = rest.length > 3 && (rest[2] === 'values' || rest[2] === 'notValues') && all[Number(rest[3])] !== undefined ? [all[Number(rest[3])]] : all;
    return { rule, field: cond.key, negative, values, sourceHasPositive: !negative };
  }
  return undefined;
}

function identityRows(ctx: HoverContext, matched: readonly WorkspaceIdentity[]): string[][] {
  return matched.map((id) => {
    const name = `${id.namespace}/${id.serviceAccount}`;
    const sa = id.account ? ctx.links.resource(id.account.resource) : `${code(name)} (no ServiceAccount object)`;
    const workloads = id.workloads.map((w) => `${ctx.links.resource(w.resource)}${ctx.sem.injection(w).injected === 'no' ? ' (no sidecar: presents no identity)' : ''}`);
    return [sa, workloads.length ? someOf(workloads, 3) : '—'];
  });
}

function covers(c: CoveredPorts, port: number): boolean {
  return c.only ? c.only.includes(port) : !c.except.includes(port);
}

/** §D4: covered ports of an injected workload where a sidecar accepts plaintext (server mode not STRICT). */
function plaintextPorts(ctx: HoverContext, w: Workload, c: CoveredPorts): Array<{ port?: number; result: ServerModeResult }> {
  const { sem } = ctx;
  const ports = [...new Set([...sem.inboundPorts(w), ...(c.only ?? [])])].filter((p) => covers(c, p)).sort((a, b) => a - b);
  const out: Array<{ port?: number; result: ServerModeResult }> = [];
  for (const p of ports) {
    const side = sem.serverSideOf(w, p);
    if (side.sidecar === 'yes' && (side.mode === 'PERMISSIVE' || side.mode === 'DISABLE')) out.push({ port: p, result: sem.serverMode(w, p) });
  }
  if (ports.length === 0 && !c.only) {
    const r = sem.serverMode(w, undefined);
    if (r.mode === 'PERMISSIVE' || r.mode === 'DISABLE') out.push({ result: r });
  }
  return out;
}

function consequence(action: string, id: IdentityAtCursor): string {
  if (action === 'ALLOW') {
    return id.negative && !id.sourceHasPositive
      ? 'plaintext carries no identity, so the exclusion never applies: plaintext from the excluded peers is **admitted**'
      : 'plaintext carries no identity, so this rule never matches it: plaintext requests are **denied** (403), even from these peers';
  }
  if (action === 'DENY') {
    return id.negative
      ? 'plaintext carries no identity, so it is never excluded: plaintext requests are **denied** by this rule'
      : 'plaintext carries no identity, so this DENY never matches it: plaintext from these peers is **not denied**';
  }
  return 'plaintext carries no identity: this field never matches it';
}

function plaintextWarnings(ctx: HoverContext, ap: AuthorizationPolicyObject, id: IdentityAtCursor, workloads: readonly Workload[]): string {
  const c = coveredPorts(id.rule);
  const lines: string[] = [];
  for (const w of workloads) {
    if (ctx.sem.injection(w).injected !== 'yes') continue;
    const open = plaintextPorts(ctx, w, c);
    if (open.length === 0) continue;
    const detail = open.map((o) => `${o.port !== undefined ? `port ${o.port}` : 'its ports'} ${o.result.mode} (${decidedByText(o.result, ctx.links)})`);
    lines.push(`⚠️ Plaintext can reach ${ctx.links.resource(w.resource)} on ${someOf(detail, 3)}: ${consequence(ap.action, id)} (§D4).`);
  }
  return lines.slice(0, 5).join('\n\n') + (lines.length > 5 ? `\n\n_and ${lines.length - 5} more workloads_` : '');
}

function appliesText(ctx: HoverContext, ap: AuthorizationPolicyObject, workloads: readonly Workload[]): string {
  if (ap.hasTargetRef) return 'Attached by targetRef: applies to gateways or waypoints, not to sidecars (§D2).';
  if (workloads.length === 0) return `Applies to no workload of the workspace (§D2${ap.namespace === ctx.sem.rootNamespace ? ', root namespace: every namespace' : ''}).`;
  return `Applies to (§D2${ap.namespace === ctx.sem.rootNamespace ? ', root namespace: every namespace' : ''}) ${someOf(workloads.map((w) => ctx.links.resource(w.resource)), 5)}.`;
}

/** AuthorizationPolicy hover: what the identity value under the cursor matches after §D6 rewriting, and §D4 plaintext warnings. */
export function authorizationHover(ctx: HoverContext, ap: AuthorizationPolicyObject): string {
  const { model, sem } = ctx;
  const header = `**AuthorizationPolicy ${code(`${ap.namespace}/${ap.name}`)}** · ${ap.action}${ap.dryRun ? ' · dry-run: shadow rules only, not enforced (§D1)' : ''}`;
  const workloads = workloadsOfPolicy(model, ap, sem.rootNamespace);
  const id = identityAt(ap, ctx.at.path);
  if (!id) return paragraphs([header, appliesText(ctx, ap, workloads)]);
  const identities = workspaceIdentities(model);
  const parts: string[] = [];
  const matchedAll = new Set<WorkspaceIdentity>();
  id.values.forEach((value, i) => {
    const m = matchIdentityValue(id.field, value, ap.namespace, model.mesh);
    const matched = identities.filter(m.matches);
    for (const x of matched) matchedAll.add(x);
    if (i >= MAX_VALUES) return;
    if (value.startsWith('spiffe://') && m.compiled.length === 1 && m.notes.length) {
      parts.push(`${valueCode(value)}: ${m.notes.join('; ')}.`);
      return;
    }
    const compiled = `${valueCode(value)} compiles to ${someOf(m.compiled.map(valueCode), 4)}${id.field.toLowerCase().includes('principal') || id.field.toLowerCase().includes('trustdomain') ? ' after trust-domain rewriting (§D6)' : ''}`;
    parts.push([compiled, ...m.notes].join('; ') + '.');
  });
  if (id.values.length > MAX_VALUES) parts.push(`_and ${id.values.length - MAX_VALUES} more values_`);
  const verb = id.negative ? 'Excludes' : 'Matches';
  const matchedList = [...matchedAll];
  const matchText = matchedList.length
    ? `${verb} ${plural(matchedList.length, 'identity', 'identities')} of the workspace (§D3):\n\n${table(['ServiceAccount', 'Workloads'], identityRows(ctx, matchedList))}`
    : `${verb} no ServiceAccount or workload of the workspace.`;
  return paragraphs([
    `${header} · ${code(id.field)}`,
    parts.join('\n\n'),
    matchText,
    appliesText(ctx, ap, workloads),
    plaintextWarnings(ctx, ap, id, workloads),
  ]);
}
