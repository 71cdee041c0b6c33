import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

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

export interface RenderPdfOptions {
  executablePath?: string;
  timeoutMs?: number;
  /** Shown in the page footer next to the page number. */
  footerText?: string;
}

/** The Chromium to use: the explicit path, else the system's, or undefined when none is executable. */
export function findChromium(explicit?: string): string | undefined {
  for (const candidate of [explicit, DEFAULT_CHROMIUM, '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (!candidate) continue;
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      if (candidate === explicit) return undefined; // a wrong explicit path is not silently replaced
    }
  }
  return undefined;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Prints self-contained HTML to an A4 PDF with page numbers; the browser is always closed. */
export async function renderPdf(html: string, options: RenderPdfOptions = {}): Promise<Buffer> {
  const executablePath = options.executablePath ?? findChromium();
  if (!executablePath) throw new Error(`no Chromium found (looked for ${DEFAULT_CHROMIUM}); set PUPPETEER_EXECUTABLE_PATH`);
  const timeout = options.timeoutMs ?? 60_000;
  const profile = mkdtempSync(join(tmpdir(), 'apiaudit-chromium-'));
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: [...LAUNCH_FLAGS, `--user-data-dir=${profile}`],
    timeout,
  });
  try {
    const page = await browser.newPage();
    // The plan has no external resources; refuse any request so a stray URL in user content cannot leak.
    await page.setRequestInterception(true);
    page.on('request', (request) => (request.url().startsWith('data:') ? request.continue() : request.abort()));
    await page.setContent(html, { waitUntil: 'load', timeout });
    const footer = `<div style="width:100%;font:8px sans-serif;color:#666;padding:0 14mm;display:flex;justify-content:space-between">
      <span>${escapeHtml(options.footerText ?? 'apiaudit')}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`;
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: footer,
      margin: { top: '14mm', bottom: '16mm', left: '12mm', right: '12mm' },
      timeout,
    });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Pages in a PDF, counted from its page objects; enough to check a rendered plan is not empty. */
export function countPdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}
