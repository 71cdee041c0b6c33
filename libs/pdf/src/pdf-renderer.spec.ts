import { countPdfPages, findChromium, PdfRenderer, readDestinationPages } from './index';

const chromium = findChromium(process.env.PUPPETEER_EXECUTABLE_PATH);
const withChromium = chromium ? it : it.skip;
if (!chromium) console.warn('pdf-renderer.spec: no Chromium found; PDF rendering tests are SKIPPED');

/** A contents list linking to three sections of different lengths, each on its own page(s). */
function documentWithContents(): string {
  const lengths = [3, 120, 3];
  const toc = lengths.map((_, i) => `<li><a href="#s${i + 1}">Section ${i + 1}</a> <span data-toc-page="s${i + 1}"></span></li>`).join('');
  const sections = lengths.map((n, i) => `<section id="s${i + 1}" style="break-before:page"><h2>Section ${i + 1}</h2>${'<p>line</p>'.repeat(n)}</section>`).join('');
  return `<!doctype html><html><body><ol>${toc}</ol>${sections}</body></html>`;
}

describe('PdfRenderer', () => {
  let renderer: PdfRenderer;
  beforeAll(() => {
    if (chromium) renderer = new PdfRenderer({ executablePath: chromium, poolSize: 2, timeoutMs: 30000 });
  });
  afterAll(async () => {
    await renderer?.close();
  });

  withChromium('fills the contents with the pages the linked sections landed on', async () => {
    const result = await renderer.render(documentWithContents());
    // Section 2 has 120 paragraphs: more than one page, so section 3 does not start right after it.
    expect(Object.fromEntries(result.sectionPages)).toEqual({ s1: 2, s2: 3, s3: result.pages });
    expect(result.pages).toBeGreaterThan(4);
    expect(result.passes).toBe(2);
    expect(readDestinationPages(result.pdf)).toEqual(result.sectionPages);
    expect(countPdfPages(result.pdf)).toBe(result.pages);
  }, 60000);

  withChromium('prints A4 or US Letter as asked', async () => {
    const mediaBox = (pdf: Buffer) => pdf.toString('latin1').match(/\/MediaBox\s*\[([^\]]*)\]/)![1].trim().split(/\s+/).map(Number).map(Math.round);
    expect(mediaBox((await renderer.render('<p>a4</p>')).pdf)).toEqual([0, 0, 596, 842]);
    expect(mediaBox((await renderer.render('<p>letter</p>', { paper: 'letter' })).pdf)).toEqual([0, 0, 612, 792]);
  }, 60000);

  withChromium('keeps at most the pool size of pages open, under concurrent renders and after failures', async () => {
    const renders = Array.from({ length: 6 }, (_, i) => renderer.render(`<p>render ${i}</p>`));
    expect(renderer.openPages).toBeLessThanOrEqual(2);
    const results = await Promise.all(renders);
    expect(results.every((r) => r.pages === 1)).toBe(true);
    // A render that times out closes its page instead of returning it to the pool.
    await expect(renderer.render('<img src="data:image/png;base64,">'.repeat(1), { timeoutMs: 1 })).rejects.toThrow();
    expect(renderer.openPages).toBeLessThanOrEqual(2);
    expect(await renderer.browserPageCount()).toBeLessThanOrEqual(2);
  }, 60000);

  withChromium('launches a new browser when Chromium was killed, and the next render succeeds', async () => {
    await renderer.render('<p>warm</p>');
    const pid = await renderer.browserPid();
    expect(pid).toBeGreaterThan(0);
    process.kill(pid!, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = await renderer.render('<p>after the crash</p>');
    expect(after.pages).toBe(1);
    const next = await renderer.browserPid();
    expect(next).toBeGreaterThan(0);
    expect(next).not.toBe(pid);
    expect(await renderer.browserPageCount()).toBeLessThanOrEqual(2);
  }, 60000);

  withChromium('a render already running when Chromium dies is retried on a new browser', async () => {
    await renderer.render('<p>warm</p>');
    const pid = (await renderer.browserPid())!;
    const pending = renderer.render(documentWithContents());
    setTimeout(() => process.kill(pid, 'SIGKILL'), 20);
    expect((await pending).pages).toBeGreaterThan(4);
    expect(await renderer.browserPid()).not.toBe(pid);
  }, 60000);
});
