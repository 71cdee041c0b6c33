import { accessSync, constants } from 'node:fs';
import { DEFAULT_CHROMIUM, PdfRenderer, type PrintOptions } from './pdf-renderer';

export interface RenderPdfOptions extends PrintOptions {
  executablePath?: string;
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

/**
 * Prints one self-contained HTML document to PDF with its own browser, closed afterwards (the CLI's case; a
 * process printing many keeps a PdfRenderer). Page numbers in a table of contents are filled in.
 */
export async function renderPdf(html: string, options: RenderPdfOptions = {}): Promise<Buffer> {
  const executablePath = options.executablePath ?? findChromium();
  if (!executablePath) throw new Error(`no Chromium found (looked for ${DEFAULT_CHROMIUM}); set PUPPETEER_EXECUTABLE_PATH`);
  const renderer = new PdfRenderer({ executablePath, poolSize: 1, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
  try {
    return (await renderer.render(html, options)).pdf;
  } finally {
    await renderer.close();
  }
}
