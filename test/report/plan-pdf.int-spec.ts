import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findChromium, PdfRenderer, type PrintResult } from '@apiaudit/pdf';
import { runAudit, type AuditOutcome } from '@apiaudit/pipeline';
import { buildPlanDocument, gradeOf, renderPlanFiles } from '@apiaudit/report';

const shop = resolve(__dirname, '../../examples/shop');
const chromium = findChromium(process.env.PUPPETEER_EXECUTABLE_PATH);
const withChromium = chromium ? describe : describe.skip;
if (!chromium) console.warn('plan-pdf.int-spec: no Chromium found; the PDF plan tests are SKIPPED');

/** The text of each page, as poppler's pdftotext lays it out (pages end with a form feed). */
function pageTexts(pdf: Buffer, dir: string, mode: 'layout' | 'reading'): string[] {
  const file = join(dir, 'plan.pdf');
  writeFileSync(file, pdf);
  let text: string;
  try {
    text = execFileSync('pdftotext', [...(mode === 'layout' ? ['-layout'] : []), file, '-'], { encoding: 'utf8' });
  } catch (error) {
    throw new Error(`pdftotext failed (install poppler-utils; .ci/run does): ${(error as Error).message}`);
  }
  return text.split('\f').slice(0, -1);
}

const lines = (page: string) => page.split('\n').map((l) => l.trim()).filter(Boolean);

withChromium('the sample plan as a PDF, read back with pdftotext', () => {
  let dir: string;
  let renderer: PdfRenderer;
  let outcome: AuditOutcome;
  let printed: PrintResult;
  let pages: string[];
  let readingOrder: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'apiaudit-plan-pdf-'));
    renderer = new PdfRenderer({ executablePath: chromium!, poolSize: 1 });
    outcome = await runAudit(
      { subject: '', specs: [{ kind: 'path', path: join(shop, 'openapi.yaml') }], traces: [{ path: join(shop, 'traces/shop.otlp.jsonl') }], repos: [{ path: join(shop, 'src') }] },
      { now: new Date('2026-12-01T09:00:00Z') },
    );
    const html = renderPlanFiles({ ...outcome.report, party: { client: 'Acme Retail', project: 'Shop' } })['plan.html'];
    printed = await renderer.render(html, { headerLeft: 'Acme Retail · Shop', headerRight: '2026-12-01', footerText: 'apiaudit plan' });
    pages = pageTexts(printed.pdf, dir, 'layout');
    readingOrder = pageTexts(printed.pdf, dir, 'reading');
  }, 120000);

  afterAll(async () => {
    await renderer?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has a plausible length, a running header and "page x / y" on every page, and no blank page', () => {
    expect(pages.length).toBe(printed.pages);
    expect(pages.length).toBeGreaterThanOrEqual(12);
    expect(pages.length).toBeLessThanOrEqual(30);
    pages.forEach((page, i) => {
      const own = lines(page);
      expect(own[0]).toMatch(/^Acme Retail · Shop\s+2026-12-01$/);
      expect(own.at(-1)).toMatch(new RegExp(`^apiaudit plan\\s+page ${i + 1} / ${pages.length}$`));
      // Beyond the header and the footer, every page carries content.
      expect(own.slice(1, -1).join('').length).toBeGreaterThan(40);
    });
  });

  it('opens with an executive summary on one page: score and grade, three risks, the saving, now/next/later', () => {
    const doc = buildPlanDocument(outcome.report);
    const summary = readingOrder[0].replace(/\s+/g, ' ');
    expect(summary).toContain(`${doc.scores.overall} of 100`);
    expect(summary).toContain(`Grade ${gradeOf(doc.scores.overall)}`);
    expect(summary).toContain('The three biggest risks');
    expect(summary.match(/Cause: /g)).toHaveLength(3);
    expect(doc.cost!.savingMonthlyUsd).toBeGreaterThan(0);
    expect(summary).toContain(`$${doc.cost!.savingMonthlyUsd.toFixed(2)} a month the priced fixes would save`);
    expect(summary).toContain(`ACTIONS ${doc.horizons.now} ${doc.horizons.next} ${doc.horizons.later} now`);
    expect(readingOrder).toHaveLength(pages.length);
    // The summary is one page: the contents start the next one.
    expect(lines(pages[1])[1]).toBe('Contents');
  });

  it('gives every contents entry the page its heading really is on', () => {
    const entries = lines(pages[1])
      .slice(2, -1)
      .map((line) => line.match(/^(.*\S)\s+(\d+)$/))
      .filter((m): m is RegExpMatchArray => m !== null)
      .map((m) => ({ title: m[1], page: Number(m[2]) }));
    expect(entries.map((e) => e.title)).toEqual(
      expect.arrayContaining(['Roadmap', 'Actions', 'Now — this sprint', 'Cost drivers', 'Proposed SLOs', 'Endpoint inventory', 'Appendix: findings by rule']),
    );
    for (const entry of entries) {
      const landed = pages.findIndex((page, i) => i > 1 && lines(page).includes(entry.title)) + 1;
      expect({ title: entry.title, page: landed }).toEqual({ title: entry.title, page: entry.page });
    }
    const numbers = entries.map((e) => e.page);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it('keeps each action card on one page: its heading and its last field, Evidence, print together', () => {
    // Now and next are cards; later is a table of one row each.
    const ranks = new Set(buildPlanDocument(outcome.report).items.filter((item) => !item.hidden && item.horizon !== 'later').map((item) => item.rank));
    const card = /^(\d+)\s+(CRITICAL|HIGH|MEDIUM|LOW|INFO)\s/;
    const seen: number[] = [];
    const split: string[] = [];
    pages.forEach((page, p) => {
      let open: number | undefined;
      for (const line of lines(page)) {
        const rank = Number(card.exec(line)?.[1]);
        if (ranks.has(rank)) {
          if (open !== undefined) split.push(`action ${open} ends on page ${p + 1} without its evidence`);
          open = rank;
          seen.push(rank);
        } else if (open !== undefined && /^Evidence\b/.test(line)) open = undefined;
      }
      if (open !== undefined) split.push(`action ${open} runs from page ${p + 1} onto the next`);
    });
    expect(seen).toEqual([...ranks].sort((a, b) => a - b));
    expect(split).toEqual([]);
  });
});
