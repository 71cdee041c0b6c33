import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page, type PDFOptions } from 'puppeteer-core';
import { noteSocketFolder, profilePrefix, removeProfileFolder } from './reap-orphaned-chromium';
import { countPdfPages, readDestinationPages } from './pdf-structure';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

// The machine's network is closed: without these, Chromium spends its start-up on refused connections.
const LAUNCH_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export type PaperFormat = 'a4' | 'letter';

export interface PdfRendererOptions {
  executablePath: string;
  /** Pages kept open and rendering at once; more renders wait for a free page. */
  poolSize?: number;
  timeoutMs?: number;
}

export interface PrintOptions {
  paper?: PaperFormat;
  /** Running header, left and right (client · project, date). */
  headerLeft?: string;
  headerRight?: string;
  /** Footer text beside "page x / y". */
  footerText?: string;
  timeoutMs?: number;
  /** Write a tagged (structured, accessible) PDF: about 3x the bytes and a third more print time on a 60-page plan. */
  tagged?: boolean;
}

export interface PrintResult {
  pdf: Buffer;
  pages: number;
  /** Page of each linked heading (named destination), as filled into the document's `data-toc-page` cells. */
  sectionPages: Map<string, number>;
  /** Print passes it took for the contents' page numbers to settle (1 without a table of contents). */
  passes: number;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const sameMap = (a: Map<string, number>, b: Map<string, number>) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

/**
 * One Chromium and a small pool of pages, for a process that prints many PDFs (the worker, a benchmark). A crashed
 * or killed browser is noticed through its disconnect and launched again on the next render; a render interrupted
 * by the crash is retried once on the new browser. A page that failed is closed, never returned to the pool.
 */
export class PdfRenderer {
  private browser: Promise<Browser> | undefined;
  private profile: string | undefined;
  private idle: Page[] = [];
  private busy = 0;
  private waiting: Array<() => void> = [];
  private closed = false;
  private readonly poolSize: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: PdfRendererOptions) {
    this.poolSize = Math.max(1, options.poolSize ?? 2);
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  /** Open pages: busy ones plus idle ones in the pool; never more than the pool size. */
  get openPages(): number {
    return this.busy + this.idle.length;
  }

  /** The browser's process id, when one runs (for tests and the worker's logs). */
  async browserPid(): Promise<number | undefined> {
    return this.browser ? (await this.browser).process()?.pid : undefined;
  }

  /** Pages the running browser has open (0 without one): the pool must never leave more behind than its size. */
  async browserPageCount(): Promise<number> {
    const browser = this.browser && (await this.browser.catch(() => undefined));
    return browser?.connected ? (await browser.pages()).length : 0;
  }

  async render(html: string, options: PrintOptions = {}): Promise<PrintResult> {
    try {
      return await this.renderOnce(html, options);
    } catch (error) {
      if (this.closed || (this.browser && (await this.browser.catch(() => undefined))?.connected)) throw error;
      return this.renderOnce(html, options);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const browser = this.browser;
    this.browser = undefined;
    this.idle = [];
    if (browser) await (await browser.catch(() => undefined))?.close().catch(() => undefined);
    this.removeProfile();
  }

  private async renderOnce(html: string, options: PrintOptions): Promise<PrintResult> {
    const page = await this.acquire();
    let reusable = false;
    try {
      const result = await this.print(page, html, options);
      reusable = true;
      return result;
    } finally {
      this.release(page, reusable);
    }
  }

  private async acquire(): Promise<Page> {
    if (this.closed) throw new Error('the PDF renderer is closed');
    while (this.busy >= this.poolSize) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.busy++;
    // Taken from the pool before any await, so busy + idle never exceeds the pool size.
    const idle = this.idle.pop();
    try {
      const browser = await this.currentBrowser();
      if (idle && !idle.isClosed() && idle.browser() === browser) return idle;
      if (idle) void idle.close().catch(() => undefined);
      return await this.newPage(browser);
    } catch (error) {
      this.busy--;
      this.waiting.shift()?.();
      throw error;
    }
  }

  private release(page: Page, reusable: boolean): void {
    this.busy--;
    if (reusable && !this.closed && !page.isClosed() && page.browser().connected && this.idle.length < this.poolSize) this.idle.push(page);
    else void page.close().catch(() => undefined);
    this.waiting.shift()?.();
  }

  private currentBrowser(): Promise<Browser> {
    if (!this.browser) {
      this.browser = this.launch();
      this.browser.catch(() => (this.browser = undefined));
    }
    return this.browser;
  }

  private async launch(): Promise<Browser> {
    this.removeProfile();
    this.profile = mkdtempSync(join(tmpdir(), profilePrefix()));
    // Over a pipe, not a WebSocket: Chromium exits when the pipe closes, so it dies with a killed worker instead of
    // living on (about 214 MB, parent 1). Profiles a killed process leaves are removed by reapOrphanedChromium.
    const browser = await puppeteer.launch({
      executablePath: this.options.executablePath,
      headless: true,
      pipe: true,
      args: [...LAUNCH_FLAGS, `--user-data-dir=${this.profile}`],
      timeout: this.timeoutMs,
    });
    noteSocketFolder(this.profile);
    browser.once('disconnected', () => {
      // Crashed, killed or closed: the next render launches a fresh browser; its pages died with it.
      if (this.browser) this.browser = undefined;
      this.idle = this.idle.filter((p) => p.browser() !== browser);
    });
    // The start-up tab is not needed: the pool opens its own pages.
    for (const blank of await browser.pages()) await blank.close().catch(() => undefined);
    return browser;
  }

  private async newPage(browser: Browser): Promise<Page> {
    const page = await browser.newPage();
    // Plans have no external resources; refuse every request so a stray URL in user content cannot leak.
    await page.setRequestInterception(true);
    page.on('request', (request) => (request.url().startsWith('data:') ? request.continue() : request.abort()));
    return page;
  }

  private removeProfile(): void {
    const profile = this.profile;
    this.profile = undefined;
    if (!profile) return;
    try {
      removeProfileFolder(profile);
    } catch {
      // A leftover folder in the temp dir must not fail the next render.
    }
  }

  /**
   * Prints, and when the document has a table of contents (`data-toc-page` cells naming a linked id), reads where
   * each linked heading landed from the PDF's named destinations, writes the numbers in and prints again, until
   * the numbers no longer move (they cannot make the contents longer: each cell has room for three digits).
   */
  private async print(page: Page, html: string, options: PrintOptions): Promise<PrintResult> {
    const timeout = options.timeoutMs ?? this.timeoutMs;
    await page.setContent(html, { waitUntil: 'load', timeout });
    const header = `<div style="width:100%;font:8px sans-serif;color:#666;padding:0 12mm;display:flex;justify-content:space-between">
      <span>${escapeHtml(options.headerLeft ?? '')}</span><span>${escapeHtml(options.headerRight ?? '')}</span></div>`;
    const footer = `<div style="width:100%;font:8px sans-serif;color:#666;padding:0 12mm;display:flex;justify-content:space-between">
      <span>${escapeHtml(options.footerText ?? 'apiaudit')}</span><span>page <span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`;
    const pdfOptions: PDFOptions = {
      format: options.paper === 'letter' ? 'Letter' : 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: header,
      footerTemplate: footer,
      margin: { top: '16mm', bottom: '15mm', left: '12mm', right: '12mm' },
      tagged: options.tagged ?? false,
      outline: false,
      timeout,
    };
    const cells = (await page.evaluate('document.querySelectorAll("[data-toc-page]").length')) as number;
    // The measuring pass only needs the pagination: header and footer templates sit in the fixed margins and
    // cannot move the body, and drawing them on every page is a good part of a print's time.
    let pdf = Buffer.from(await page.pdf(cells > 0 ? { ...pdfOptions, displayHeaderFooter: false, tagged: false } : pdfOptions));
    let sectionPages = cells > 0 ? readDestinationPages(pdf) : new Map<string, number>();
    let passes = 1;
    while (cells > 0 && passes < 4) {
      await page.evaluate(
        `(() => { const pages = ${JSON.stringify(Object.fromEntries(sectionPages))};
          for (const cell of document.querySelectorAll('[data-toc-page]')) cell.textContent = String(pages[cell.getAttribute('data-toc-page')] ?? ''); })()`,
      );
      pdf = Buffer.from(await page.pdf(pdfOptions));
      passes++;
      const settled = readDestinationPages(pdf);
      if (sameMap(settled, sectionPages)) break;
      sectionPages = settled;
    }
    return { pdf, pages: countPdfPages(pdf), sectionPages, passes };
  }
}
