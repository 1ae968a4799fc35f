// The extension in a real VS Code workbench: code-server 4.100.3 (VS Code 1.100) driven by
// playwright-core in Debian's Chromium, as a user would use it. Run by `npm run test:e2e`
// (test/e2e/run.mjs installs code-server and builds the .vsix first).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startCodeServer, type CodeServer } from './codeServer';
import { TIMEOUT, Workbench } from './workbench';

const root = process.cwd();
const results = join(root, 'test-results');
const codeServerDir = process.env.E2E_CODE_SERVER_DIR;
const vsix = process.env.E2E_VSIX;

describe('the extension in code-server (VS Code 1.100)', { skip: !codeServerDir || !vsix ? 'run through `npm run test:e2e`' : false, timeout: 240_000 }, () => {
  let server: CodeServer;
  let browser: Browser;
  let page: Page;
  let wb: Workbench;
  const shots: string[] = [];
  const shot = async (name: string) => shots.push(await wb.screenshot(results, name));

  before(async () => {
    mkdirSync(results, { recursive: true });
    server = await startCodeServer({ codeServerDir: codeServerDir as string, vsix: vsix as string, fixture: join(root, 'test', 'e2e', 'workspace') });
    browser = await chromium.launch({
      executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    page.setDefaultTimeout(TIMEOUT.ui);
    wb = new Workbench(page);
    await wb.open(server.url, server.workspace);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (shots.length) console.log(`screenshots:\n${shots.map((s) => `  ${s}`).join('\n')}`);
  });

  test('a DestinationRule sending plaintext to a STRICT namespace gets an error squiggle with the explanation on hover', async () => {
    await wb.openFile('cart-destination-rule.yaml');
    await wb.errorSquiggles.first().waitFor({ timeout: TIMEOUT.analysis });
    await wb.codeLenses.filter({ hasText: 'fails from' }).first().waitFor({ timeout: TIMEOUT.analysis });
    await shot('squiggle');
    const text = await wb.hoverOver(wb.token('tls:', 'tls'), /plaintext-to-strict/);
    assert.match(text, /send plaintext to cart\.shop:8080/);
    assert.match(text, /STRICT/);
    await shot('hover');
    await page.keyboard.press('Escape');
  });

  test('the status bar shows the error count and opens the Problems view', async () => {
    await wb.statusItem().and(page.locator('[aria-label*="1 error"]')).waitFor({ timeout: TIMEOUT.analysis });
    await wb.statusItem().click();
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'plaintext-to-strict' }).first().waitFor();
    await page.keyboard.press('Control+J');
  });

  test('the mesh map shows the failing cell: shop and web clients to cart:8080', async () => {
    await wb.runCommand('Istio mTLS Doctor: Open Mesh Map');
    const map = wb.meshMap();
    await map.locator('button.cell.fails').first().waitFor({ timeout: TIMEOUT.analysis });
    assert.equal(await map.locator('button.cell.fails').count(), 2);
    await map.locator('button.cell.fails').first().hover();
    await map.locator('#details', { hasText: 'fails (§C2)' }).waitFor();
    await shot('mesh-map-before-fix');
  });

  test('the mesh map is keyboard accessible; Enter opens the resource that decides a cell', async () => {
    const map = wb.meshMap();
    await map.locator('button.cell[data-r="1"][data-c="0"]').focus();
    await map.locator('#details h2', { hasText: 'web → shop/cart:8080: fails' }).waitFor();
    await page.keyboard.press('ArrowUp');
    await map.locator('#details h2', { hasText: 'shop → shop/cart:8080: fails' }).waitFor();
    await page.keyboard.press('ArrowRight');
    await map.locator('#details h2', { hasText: 'shop → web/frontend:80: mTLS' }).waitFor();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    // The DestinationRule opens with its tls mode selected: DISABLE, 7 characters.
    await page.locator('.editor-group-container .tab.active', { hasText: 'cart-destination-rule.yaml' }).first().waitFor();
    await page.locator('.statusbar-item', { hasText: /Ln 11, Col \d+ \(7 selected\)/ }).first().waitFor();
  });

  test('the quick fix "ISTIO_MUTUAL" edits the file on disk and the squiggle goes away', async () => {
    await page.locator('.tabs-container .tab', { hasText: 'cart-destination-rule.yaml' }).first().click();
    await wb.clickAt(wb.token('tls:', 'tls'));
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'ISTIO_MUTUAL' }).first();
    await fix.waitFor();
    await shot('quick-fix');
    await wb.clickAt(fix, { closeWidgets: false });
    await page.keyboard.press('Control+S');
    const file = join(server.workspace, 'cart-destination-rule.yaml');
    await waitUntil(() => /mode: ISTIO_MUTUAL/.test(readFileSync(file, 'utf8')), 'the fixed file on disk');
    const onDisk = readFileSync(file, 'utf8');
    assert.match(onDisk, /^# "TLS is handled by the app"/, 'the comment survives');
    assert.doesNotMatch(onDisk, /DISABLE/);
    await wb.errorSquiggles.first().waitFor({ state: 'detached', timeout: TIMEOUT.analysis });
  });

  test('after the fix the mesh map cell is green and the status bar counts no error', async () => {
    const map = wb.meshMap();
    await map.locator('button.cell.fails').first().waitFor({ state: 'detached', timeout: TIMEOUT.analysis });
    assert.equal(await map.locator('button.cell.mtls').count() >= 2, true);
    await wb.statusItem().and(page.locator('[aria-label*="0 errors"]')).waitFor({ timeout: TIMEOUT.analysis });
    await map.locator('button.cell.mtls').first().hover();
    await map.locator('#details', { hasText: 'mTLS' }).waitFor();
    await shot('mesh-map-after-fix');
  });

  test('hovering a PeerAuthentication shows the effective-mode table', async () => {
    await wb.openFile('namespaces.yaml');
    await wb.codeLenses.filter({ hasText: 'STRICT on 1 workload' }).first().waitFor({ timeout: TIMEOUT.analysis });
    const text = await wb.hoverOver(wb.token('mode: STRICT', 'STRICT'), /Effective mode/);
    assert.match(text, /cart/);
    assert.match(text, /STRICT/);
    await shot('peer-authentication-hover');
    await page.keyboard.press('Escape');
  });

  test('the Workspace Mesh tree lists namespaces, workloads and ports with their mode', async () => {
    await page.locator('.activitybar [aria-label^="Istio mTLS Doctor"]').first().click();
    const tree = page.locator('.pane', { hasText: 'Workspace Mesh' });
    await tree.locator('.monaco-list-row', { hasText: 'shop' }).first().waitFor({ timeout: TIMEOUT.analysis });
    await tree.locator('.monaco-list-row', { hasText: 'cart' }).first().locator('.monaco-tl-twistie').click();
    await tree.locator('.monaco-list-row', { hasText: 'port 8080' }).first().waitFor();
    assert.match(await tree.locator('.monaco-list-row', { hasText: 'port 8080' }).first().innerText(), /STRICT/);
    await shot('workspace-mesh-tree');
  });

  test('a crashed server is restarted, and the user is told once', async () => {
    const toasts = page.locator('.notification-toast', { hasText: 'stopped unexpectedly and was restarted' });
    for (let crash = 1; crash <= 2; crash++) {
      const [pid] = serverPids(server.extensions);
      assert.ok(pid, 'the language server process of this run');
      process.kill(pid, 'SIGKILL');
      await waitUntil(() => serverPids(server.extensions).some((p) => p !== pid), 'a new server process');
      await wb.statusItem().and(page.locator('[aria-label*="0 errors"]')).waitFor({ timeout: TIMEOUT.analysis });
      if (crash === 1) {
        await toasts.first().waitFor();
        await shot('server-restarted');
      }
    }
    assert.equal(await toasts.count(), 1);
    // The restarted server analyses edits: break the rule again in the editor, then undo.
    await page.locator('.tabs-container .tab', { hasText: 'cart-destination-rule.yaml' }).first().click();
    const value = wb.token('mode: ISTIO_MUTUAL', 'ISTIO_MUTUAL');
    const { x, y } = await wb.pointAt(value);
    await page.mouse.dblclick(x, y);
    await page.keyboard.type('DISABLE');
    await wb.errorSquiggles.first().waitFor({ timeout: TIMEOUT.analysis });
    await page.keyboard.press('Control+Z');
    await wb.errorSquiggles.first().waitFor({ state: 'detached', timeout: TIMEOUT.analysis });
  });
});

/** Pids of the language server processes of this run's extension (from /proc, by their unique path). */
function serverPids(extensions: string): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      if (cmd.includes(extensions) && cmd.includes('server/out/server.js')) out.push(Number(d));
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

async function waitUntil(predicate: () => boolean, what: string, timeoutMs = TIMEOUT.analysis): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
