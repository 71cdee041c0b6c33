import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/** Where the portal tests leave their screenshots (git-ignored), to be looked at. */
export const SHOTS = resolve(__dirname, '../../test-output/portal');
// Debian's Chromium, never a downloaded one, with the flags the platform uses for PDFs.
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };
// Answers the portal shows as messages in its forms and pages; the browser logs them as errors all the same.
const EXPECTED_STATUSES = /status of (400|401|404|412|422)/;

type WatchedPage = Page & { errors: string[] };

/** What went wrong in a page made by `PortalBrowser.newPage`: page errors, console errors, server errors. */
export function errorsOf(page: Page): string[] {
  return (page as WatchedPage).errors;
}

/**
 * One Chromium for a portal test: pages that collect what went wrong in them (page errors, console errors,
 * server errors), screenshots at desktop and phone width, and on failure a picture and the log of every page.
 */
export class PortalBrowser {
  private readonly contexts: BrowserContext[] = [];

  private constructor(
    private readonly browser: Browser,
    private readonly contextOptions: BrowserContextOptions,
  ) {}

  /** `contextOptions` apply to every page's context (e.g. the reader's locale and time zone). */
  static async launch(contextOptions: BrowserContextOptions = {}): Promise<PortalBrowser> {
    mkdirSync(SHOTS, { recursive: true });
    return new PortalBrowser(await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS }), contextOptions);
  }

  async newPage(viewport = DESKTOP): Promise<Page> {
    const context = await this.browser.newContext({ ...this.contextOptions, viewport });
    this.contexts.push(context);
    const page = (await context.newPage()) as WatchedPage;
    page.errors = [];
    page.on('pageerror', (error) => page.errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && !EXPECTED_STATUSES.test(message.text()) && page.errors.push(message.text()));
    page.on('response', (r) => r.status() >= 500 && page.errors.push(`${r.request().method()} ${r.url()} -> ${r.status()}`));
    return page;
  }

  shot(page: Page, name: string): Promise<Buffer> {
    return page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  }

  /**
   * The same screen at phone width, in a context with the page's cookies, once `ready` says it is drawn. Closed
   * lists are opened so the picture shows them too; nothing may scroll sideways (code and the plan scroll inside
   * their own boxes).
   */
  async phoneShot(page: Page, name: string, ready: (p: Page) => Promise<unknown> = (p) => p.locator('h1').first().waitFor()): Promise<void> {
    const phone = await this.browser.newContext({ ...this.contextOptions, viewport: PHONE, storageState: await page.context().storageState() });
    this.contexts.push(phone);
    const p = await phone.newPage();
    await p.goto(page.url());
    await ready(p);
    await p.waitForLoadState('networkidle');
    await p.evaluate(() => (globalThis as any).document.querySelectorAll('details').forEach((d: { open: boolean }) => (d.open = true)));
    await this.shot(p, name);
    const overflow = await p.evaluate(() => {
      const doc = (globalThis as any).document.documentElement;
      return doc.scrollWidth - doc.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(1);
    await phone.close();
  }

  /** Runs a walk-through; when it fails, saves what each open page showed as `<prefix>-N.png` and logs its errors. */
  async walk(prefix: string, walkThrough: () => Promise<void>): Promise<void> {
    try {
      await walkThrough();
    } catch (error) {
      for (const [i, context] of this.contexts.entries()) {
        for (const page of context.pages()) {
          await page.screenshot({ path: join(SHOTS, `${prefix}-${i}.png`), fullPage: true }).catch(() => undefined);
          console.error(`page ${i} ${page.url()}: ${(page as Partial<WatchedPage>).errors?.join(' | ')}`);
        }
      }
      throw error;
    }
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => undefined);
    await this.browser.close();
  }
}
