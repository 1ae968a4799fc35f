import type { MeshMap, MeshMapCell, MeshMapVerdict } from '../../../protocol/src/meshMap';

/** Pure rendering of the mesh map webview: the extension host builds the HTML, the page only handles input. */

const VERDICT_TEXT: Record<MeshMapVerdict, { symbol: string; label: string }> = {
  mtls: { symbol: '✓', label: 'mTLS' },
  tls: { symbol: '◇', label: 'TLS' },
  plaintext: { symbol: '○', label: 'plaintext' },
  fails: { symbol: '✕', label: 'fails' },
  unknown: { symbol: '?', label: 'unknown' },
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** JSON inside a `<script type="application/json">`: `<` escaped so no text can close the element. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export interface CellDetails {
  readonly title: string;
  readonly verdict: string;
  readonly reason: string;
  readonly tlsInForce: string;
  readonly links: readonly string[];
}

/** The cells in grid order (row-major), with what the details pane shows. */
export function cellIndex(map: MeshMap): { grid: (MeshMapCell | undefined)[][]; details: Record<string, CellDetails> } {
  const byKey = new Map(map.cells.map((c) => [`${c.row}\u0000${c.column}`, c]));
  const details: Record<string, CellDetails> = {};
  const grid = map.rows.map((r, ri) =>
    map.columns.map((c, ci) => {
      const cell = byKey.get(`${r.id}\u0000${c.id}`);
      if (cell) {
        details[`${ri}:${ci}`] = {
          title: `${r.namespace} → ${c.kind === 'Service' ? `${c.namespace}/` : ''}${c.label}`,
          verdict: VERDICT_TEXT[cell.verdict].label,
          reason: cell.reason,
          tlsInForce: cell.tlsInForce,
          links: [cell.location, ...cell.related].filter((l) => l !== undefined).map((l) => l.label),
        };
      }
      return cell;
    }),
  );
  return { grid, details };
}

/** The table and the details pane: replaced as a whole when the model changes. */
export function meshMapBody(map: MeshMap): string {
  if (map.rows.length === 0 || map.columns.length === 0) {
    const why = map.rows.length === 0 ? 'No injected client workloads in the workspace.' : 'No Services or ServiceEntries in the workspace.';
    return `<p class="empty" id="empty">${escapeHtml(why)} The map shows, for each namespace with sidecar clients and each destination port, whether the connection uses mTLS, plaintext or fails.</p>`;
  }
  const { grid, details } = cellIndex(map);
  const counts: Record<MeshMapVerdict, number> = { mtls: 0, tls: 0, plaintext: 0, fails: 0, unknown: 0 };
  for (const c of map.cells) counts[c.verdict]++;
  const head = map.columns
    .map((c, ci) => `<th scope="col" role="columnheader"><button class="col" data-col="${ci}" tabindex="-1" title="${escapeHtml(`${c.kind} ${c.namespace}/${c.host} port ${c.port}${c.portName ? ` (${c.portName})` : ''}: open`)}">${escapeHtml(c.label)}<span class="ns">${escapeHtml(c.namespace)}</span></button></th>`)
    .join('');
  const rows = map.rows
    .map((r, ri) => {
      const cells = grid[ri]
        .map((cell, ci) => {
          if (!cell) return `<td role="gridcell" class="none"><span class="none" data-r="${ri}" data-c="${ci}" tabindex="-1" aria-label="${escapeHtml(`${r.namespace} to ${map.columns[ci].label}: not reachable`)}">–</span></td>`;
          const v = VERDICT_TEXT[cell.verdict];
          const d = details[`${ri}:${ci}`];
          const tip = `${d.title}: ${v.label}\n${cell.reason}\nTLS in force: ${cell.tlsInForce}${cell.location ? `\nClick to open ${cell.location.label}` : ''}`;
          return `<td role="gridcell" class="${cell.verdict}"><button class="cell ${cell.verdict}" data-r="${ri}" data-c="${ci}" tabindex="-1" title="${escapeHtml(tip)}" aria-label="${escapeHtml(`${d.title}: ${v.label}. ${cell.reason}`)}"><span aria-hidden="true">${v.symbol}</span> ${v.label}</button></td>`;
        })
        .join('');
      return `<tr><th scope="row" role="rowheader" title="${escapeHtml(r.workloads.join(', '))}">${escapeHtml(r.namespace)}<span class="ns">${r.workloads.length} ${r.workloads.length === 1 ? 'workload' : 'workloads'}</span></th>${cells}</tr>`;
    })
    .join('\n');
  const legend = (Object.keys(VERDICT_TEXT) as MeshMapVerdict[])
    .map((v) => `<span class="chip ${v}"><span aria-hidden="true">${VERDICT_TEXT[v].symbol}</span> ${VERDICT_TEXT[v].label} <b data-count="${v}">${counts[v]}</b></span>`)
    .join(' ');
  return `<div class="legend" role="status">${legend}</div>
<div class="scroll"><table role="grid" aria-label="Clients (rows) by destination ports (columns)">
<thead><tr><th scope="col" class="corner">client namespace ↓ · destination →</th>${head}</tr></thead>
<tbody>
${rows}
</tbody></table></div>
<section id="details" aria-live="polite"><p class="hint">Hover or focus a cell (arrow keys move, Enter opens the resource that decides it).</p></section>
<script type="application/json" id="cell-data">${scriptJson(details)}</script>`;
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 12px 12px; }
h1 { font-size: 1.3em; font-weight: 600; margin: 12px 0 6px; }
.scroll { overflow: auto; max-height: 65vh; border: 1px solid var(--vscode-panel-border, transparent); }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--vscode-editorWidget-border, rgba(128,128,128,.35)); padding: 0; text-align: left; }
thead th { position: sticky; top: 0; background: var(--vscode-editor-background); z-index: 1; }
th[scope=row] { padding: 4px 8px; position: sticky; left: 0; background: var(--vscode-editor-background); white-space: nowrap; }
th.corner { padding: 4px 8px; font-weight: normal; color: var(--vscode-descriptionForeground); }
.ns { display: block; font-weight: normal; font-size: .85em; color: var(--vscode-descriptionForeground); }
button { font: inherit; color: inherit; background: transparent; border: 0; width: 100%; padding: 4px 8px; text-align: left; cursor: pointer; white-space: nowrap; }
button:focus, span.none:focus { outline: 2px solid var(--vscode-focusBorder); outline-offset: -2px; }
button.col { font-weight: 600; }
td.mtls { background: color-mix(in srgb, var(--vscode-testing-iconPassed, #388a34) 22%, transparent); }
td.tls { background: color-mix(in srgb, var(--vscode-charts-blue, #1a85ff) 22%, transparent); }
td.plaintext { background: color-mix(in srgb, var(--vscode-editorWarning-foreground, #bf8803) 22%, transparent); }
td.fails { background: color-mix(in srgb, var(--vscode-testing-iconFailed, #f14c4c) 30%, transparent); }
td.unknown { background: color-mix(in srgb, var(--vscode-descriptionForeground, #888) 15%, transparent); }
td.none { color: var(--vscode-disabledForeground, #888); text-align: center; }
span.none { display: block; padding: 4px 8px; }
.cell.fails { font-weight: 600; }
.legend { margin: 6px 0 10px; display: flex; gap: 8px; flex-wrap: wrap; }
.chip { padding: 2px 8px; border-radius: 10px; border: 1px solid var(--vscode-editorWidget-border, rgba(128,128,128,.35)); }
.chip.mtls { border-color: var(--vscode-testing-iconPassed, #388a34); }
.chip.fails { border-color: var(--vscode-testing-iconFailed, #f14c4c); }
.chip.plaintext { border-color: var(--vscode-editorWarning-foreground, #bf8803); }
.chip.tls { border-color: var(--vscode-charts-blue, #1a85ff); }
#details { margin-top: 10px; padding: 8px 10px; border-left: 3px solid var(--vscode-focusBorder); background: var(--vscode-textBlockQuote-background, transparent); min-height: 3em; }
#details h2 { font-size: 1em; margin: 0 0 4px; }
#details p { margin: 2px 0; }
#details a { color: var(--vscode-textLink-foreground); cursor: pointer; margin-right: 12px; }
.hint, .empty { color: var(--vscode-descriptionForeground); }
`;

/** The page script: keyboard grid navigation, details on hover or focus, and clicks posted to the extension. */
const SCRIPT = `
const vscode = acquireVsCodeApi();
const root = document.getElementById('root');
let focused = (vscode.getState() || {}).focused;
function data() { const el = document.getElementById('cell-data'); return el ? JSON.parse(el.textContent) : {}; }
function cellAt(r, c) { return root.querySelector('[data-r="' + r + '"][data-c="' + c + '"]'); }
function show(el) {
  const pane = document.getElementById('details');
  if (!pane || !el || !el.dataset.r) return;
  const d = data()[el.dataset.r + ':' + el.dataset.c];
  pane.replaceChildren();
  if (!d) { const p = document.createElement('p'); p.textContent = el.getAttribute('aria-label'); pane.append(p); return; }
  const h = document.createElement('h2'); h.textContent = d.title + ': ' + d.verdict; pane.append(h);
  const why = document.createElement('p'); why.className = 'reason'; why.textContent = d.reason; pane.append(why);
  const tls = document.createElement('p'); tls.textContent = 'TLS in force: ' + d.tlsInForce; pane.append(tls);
  if (d.links.length) {
    const p = document.createElement('p');
    d.links.forEach((label, i) => {
      const a = document.createElement('a'); a.textContent = label; a.tabIndex = 0; a.setAttribute('role', 'link');
      const open = () => vscode.postMessage({ type: 'open', r: +el.dataset.r, c: +el.dataset.c, link: i });
      a.addEventListener('click', open); a.addEventListener('keydown', (e) => { if (e.key === 'Enter') open(); });
      p.append(a);
    });
    pane.append(p);
  }
}
function focusCell(el) {
  if (!el) return;
  root.querySelectorAll('[data-r][tabindex="0"]').forEach((x) => x.tabIndex = -1);
  el.tabIndex = 0; el.focus(); show(el);
  focused = { r: +el.dataset.r, c: +el.dataset.c }; vscode.setState({ focused });
}
function init() {
  const first = (focused && cellAt(focused.r, focused.c)) || root.querySelector('[data-r]');
  if (first) first.tabIndex = 0;
  root.querySelectorAll('button.col').forEach((b) => b.tabIndex = 0);
}
root.addEventListener('click', (e) => {
  const cell = e.target.closest('button.cell');
  if (cell) { focusCell(cell); vscode.postMessage({ type: 'open', r: +cell.dataset.r, c: +cell.dataset.c }); return; }
  const col = e.target.closest('button.col');
  if (col) vscode.postMessage({ type: 'openColumn', c: +col.dataset.col });
});
root.addEventListener('mouseover', (e) => { const el = e.target.closest('[data-r]'); if (el) show(el); });
root.addEventListener('focusin', (e) => { const el = e.target.closest('[data-r]'); if (el) show(el); });
root.addEventListener('keydown', (e) => {
  const el = e.target.closest('[data-r]');
  if (!el) return;
  const r = +el.dataset.r, c = +el.dataset.c;
  const moves = { ArrowUp: [r - 1, c], ArrowDown: [r + 1, c], ArrowLeft: [r, c - 1], ArrowRight: [r, c + 1] };
  if (moves[e.key]) { e.preventDefault(); focusCell(cellAt(moves[e.key][0], moves[e.key][1])); }
  else if (e.key === 'Home') { e.preventDefault(); focusCell(cellAt(r, 0)); }
  else if (e.key === 'End') { e.preventDefault(); const all = root.querySelectorAll('[data-r="' + r + '"]'); focusCell(all[all.length - 1]); }
  else if ((e.key === 'Enter' || e.key === ' ') && el.matches('button.cell')) { e.preventDefault(); vscode.postMessage({ type: 'open', r, c }); }
});
window.addEventListener('message', (e) => {
  const m = e.data;
  if (!m || m.type !== 'update') return;
  const hadFocus = root.contains(document.activeElement);
  root.innerHTML = m.html;
  document.body.dataset.analysis = String(m.analysis);
  init();
  if (hadFocus && focused) focusCell(cellAt(focused.r, focused.c));
});
init();
`;

/** The whole page: a strict content security policy, no remote resources, theme colours. */
export function meshMapDocument(map: MeshMap | undefined, opts: { nonce: string; cspSource: string; analysis: number }): string {
  const csp = `default-src 'none'; img-src ${opts.cspSource} data:; style-src 'nonce-${opts.nonce}'; script-src 'nonce-${opts.nonce}';`;
  const body = map ? meshMapBody(map) : '<p class="empty">Waiting for the Istio mTLS Doctor server…</p>';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Mesh map</title>
<style nonce="${opts.nonce}">${STYLE}</style>
</head>
<body data-analysis="${opts.analysis}">
<h1>Mesh map: what each client namespace's sidecars get from each destination port</h1>
<main id="root">${body}</main>
<script nonce="${opts.nonce}">${SCRIPT}</script>
</body>
</html>`;
}
