import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { countPdfPages, findChromium, renderPdf } from './index';

/** A 4x4 red PNG, served by the local server and inlined as a data: URL. */
const RED_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGP4z8AARwzEcQCukw/x0F8jngAAAABJRU5ErkJggg==', 'base64');

const chromium = findChromium(process.env.PUPPETEER_EXECUTABLE_PATH);
const withChromium = chromium ? it : it.skip;
if (!chromium) console.warn('render-pdf.spec: no Chromium found; PDF rendering tests are SKIPPED');

describe('renderPdf', () => {
  withChromium('prints HTML to a multi-page A4 PDF', async () => {
    const sections = Array.from({ length: 3 }, (_, i) => `<section style="page-break-after:always"><h1>Section ${i + 1}</h1></section>`).join('');
    const pdf = await renderPdf(`<!doctype html><html><body>${sections}</body></html>`, { executablePath: chromium });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(countPdfPages(pdf)).toBe(3);
  }, 60000);

  withChromium('blocks external requests from the document, and still draws data: images', async () => {
    const hits: string[] = [];
    const server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'image/png' }).end(RED_PNG);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      // A failed <img alt=""> and a failed CSS background draw nothing, so the only image left is the data: one.
      const html = `<!doctype html><html><head><link rel="stylesheet" href="${origin}/style.css"></head><body>
        <img alt="" src="${origin}/tracker.png"><div style="width:40px;height:40px;background:url(${origin}/bg.png)"></div>
        <img src="data:image/png;base64,${RED_PNG.toString('base64')}" width="40" height="40"><p>ok</p></body></html>`;
      const pdf = await renderPdf(html, { executablePath: chromium, timeoutMs: 20000 });
      expect(hits).toEqual([]);
      expect(countPdfPages(pdf)).toBe(1);
      expect(pdf.toString('latin1').match(/\/Subtype\s*\/Image\b/g)).toHaveLength(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }, 60000);
});

describe('findChromium', () => {
  it('does not replace a wrong explicit path with another browser', () => {
    expect(findChromium('/nonexistent/chromium')).toBeUndefined();
  });
});
