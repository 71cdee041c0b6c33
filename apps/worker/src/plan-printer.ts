import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { findChromium, PdfRenderer, type PrintOptions } from '@apiaudit/pdf';

/**
 * The worker's one Chromium with a small page pool, launched on the first plan and kept warm: a PDF then costs
 * a print, not a browser start. The renderer relaunches Chromium after a crash; the pool caps open pages.
 */
export class PlanPrinter implements OnModuleDestroy {
  private readonly log = new Logger(PlanPrinter.name);
  private readonly renderer: PdfRenderer | undefined;

  constructor(chromiumPath: string | undefined, poolSize = 2) {
    const executablePath = findChromium(chromiumPath);
    this.renderer = executablePath ? new PdfRenderer({ executablePath, poolSize }) : undefined;
    if (!executablePath) this.log.warn('no Chromium found; audits get HTML plans only');
  }

  get available(): boolean {
    return this.renderer !== undefined;
  }

  async print(html: string, options: PrintOptions): Promise<Buffer> {
    if (!this.renderer) throw new Error('no Chromium found; set PUPPETEER_EXECUTABLE_PATH');
    return (await this.renderer.render(html, options)).pdf;
  }

  async onModuleDestroy(): Promise<void> {
    await this.renderer?.close();
  }
}
