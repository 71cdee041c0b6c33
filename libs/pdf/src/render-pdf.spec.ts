import { countPdfPages, findChromium, renderPdf } from './index';

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

  withChromium('blocks external requests from the document', async () => {
    const pdf = await renderPdf('<!doctype html><img src="http://203.0.113.9/x.png"><p>ok</p>', { executablePath: chromium, timeoutMs: 20000 });
    expect(countPdfPages(pdf)).toBe(1);
  }, 60000);
});

describe('findChromium', () => {
  it('does not replace a wrong explicit path with another browser', () => {
    expect(findChromium('/nonexistent/chromium')).toBeUndefined();
  });
});
