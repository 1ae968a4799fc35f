// What a person does in the VS Code workbench, as playwright-core steps (code-server in Chromium).
import type { FrameLocator, Locator, Page } from 'playwright-core';

export const TIMEOUT = { start: 90_000, analysis: 60_000, ui: 20_000 };

export class Workbench {
  constructor(readonly page: Page) {}

  async open(url: string, folder: string): Promise<void> {
    await this.page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
    await this.page.locator('.monaco-workbench').waitFor({ timeout: TIMEOUT.start });
    await this.explorerRow('namespaces.yaml').waitFor({ timeout: TIMEOUT.start });
  }

  explorerRow(name: string): Locator {
    return this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  }

  /** Opens a file by clicking it in the Explorer, and waits for its editor. */
  async openFile(name: string): Promise<void> {
    const explorer = this.page.locator('.explorer-folders-view');
    if (!(await explorer.isVisible())) await this.page.keyboard.press('Control+Shift+E');
    await this.explorerRow(name).click();
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: TIMEOUT.ui });
    await this.editorLines.first().waitFor({ timeout: TIMEOUT.ui });
  }

  get activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  get editorLines(): Locator {
    return this.activeEditor.locator('.view-lines .view-line');
  }

  /** A token of the active editor: the span with exactly `text` on the line that contains `lineText`. */
  token(lineText: string, text: string): Locator {
    return this.editorLines.filter({ hasText: lineText }).first().locator('span > span', { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).first();
  }

  get errorSquiggles(): Locator {
    return this.activeEditor.locator('.squiggly-error');
  }

  /** The visible hover widget that shows `text`. */
  hoverWith(text: RegExp): Locator {
    return this.page.locator('.monaco-hover:not(.hidden)').filter({ hasText: text }).filter({ visible: true }).first();
  }

  /** Moves the mouse to the middle of an element (overlays such as squiggles or hovers may lie above it). */
  async pointAt(target: Locator): Promise<{ x: number; y: number }> {
    const box = await target.boundingBox();
    if (!box) throw new Error('the element has no box');
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }

  /** Clicks the text of an element, as a person clicks at a place in the editor. */
  async clickAt(target: Locator, options: { closeWidgets?: boolean } = {}): Promise<void> {
    if (options.closeWidgets ?? true) await this.page.keyboard.press('Escape');
    const { x, y } = await this.pointAt(target);
    await this.page.mouse.click(x, y);
  }

  /** The server's code lenses in the active editor; once they are in, the lines stop moving. */
  get codeLenses(): Locator {
    return this.activeEditor.locator('.codelens-decoration');
  }

  /**
   * Hovers an element until a hover with `expected` shows. The point is measured anew on each try:
   * lines move when code lenses arrive.
   */
  async hoverOver(target: Locator, expected: RegExp, timeoutMs = TIMEOUT.ui): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    const hover = this.hoverWith(expected);
    for (;;) {
      await this.page.keyboard.press('Escape');
      const { x, y } = await this.pointAt(target);
      await this.page.mouse.move(x, y - 40);
      await this.page.mouse.move(x, y, { steps: 4 });
      try {
        await hover.waitFor({ timeout: Math.min(4000, Math.max(1, deadline - Date.now())) });
        return (await hover.innerText()).trim();
      } catch (e) {
        if (Date.now() >= deadline) throw e;
      }
    }
  }

  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: TIMEOUT.ui });
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: TIMEOUT.ui });
    await this.page.keyboard.press('Enter');
  }

  /** The mesh map's page (a webview: an iframe inside an iframe). */
  meshMap(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').first().frameLocator('iframe#active-frame');
  }

  statusItem(): Locator {
    return this.page.locator('.statusbar [aria-label^="Istio mTLS Doctor:"]').first();
  }

  async screenshot(dir: string, name: string): Promise<string> {
    const path = `${dir}/${name}.png`;
    await this.page.screenshot({ path });
    return path;
  }
}
