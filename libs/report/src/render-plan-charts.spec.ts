import { createFinding, type AuditResult, type Endpoint, type Finding, type FindingCategory, type Severity } from '@apiaudit/domain';
import { planItem, smallPlan, smallResult } from './__fixtures__/small-plan';
import { SEVERITY_COLOR } from './html';
import { renderPlanHtml } from './index';
import type { CostDriverRow, TraceSummary } from './report-input';

// The charts are read back from the rendered plan, so a chart that drew the wrong numbers, in the wrong order or
// not at all fails here. Geometry is checked as proportions: a layout change keeps these tests, a wrong figure does not.

interface SvgElement {
  tag: string;
  attrs: Record<string, string>;
  text: string;
}

/** A chart's marks in drawing order: one per label, each with the shapes drawn after it and the text that closes it. */
interface ChartRow {
  label: string;
  shapes: SvgElement[];
  value: string;
}

const ELEMENT = /<(rect|circle|line)\b([^>]*)\/>|<text\b([^>]*)>([^<]*)<\/text>/g;
const ATTRIBUTE = /([\w-]+)="([^"]*)"/g;

function attributesOf(source: string): Record<string, string> {
  return Object.fromEntries([...source.matchAll(ATTRIBUTE)].map(([, name, value]) => [name, value]));
}

/** The inner markup of every chart with this aria-label. */
function chartsLabelled(html: string, label: string): string[] {
  return [...html.matchAll(/<svg\b([^>]*)>([\s\S]*?)<\/svg>/g)].filter(([, attrs]) => attributesOf(attrs)['aria-label'] === label).map(([, , inner]) => inner);
}

function onlyChart(html: string, label: string): string {
  const charts = chartsLabelled(html, label);
  expect(charts).toHaveLength(1);
  return charts[0];
}

function elementsOf(svg: string): SvgElement[] {
  return [...svg.matchAll(ELEMENT)].map((m) => (m[1] ? { tag: m[1], attrs: attributesOf(m[2]), text: '' } : { tag: 'text', attrs: attributesOf(m[3]), text: m[4] }));
}

/**
 * Rows start at a right-aligned label; the shapes after it belong to the row until the next text, its figure.
 * What follows the last row's figure (the legend) is returned apart.
 */
function rowsOf(svg: string): { rows: ChartRow[]; legend: SvgElement[] } {
  const rows: ChartRow[] = [];
  const legend: SvgElement[] = [];
  let open: { label: string; shapes: SvgElement[] } | undefined;
  for (const element of elementsOf(svg)) {
    if (element.tag === 'text' && element.attrs['text-anchor'] === 'end') open = { label: element.text, shapes: [] };
    else if (open && element.tag === 'text') {
      rows.push({ ...open, value: element.text });
      open = undefined;
    } else if (open) open.shapes.push(element);
    else legend.push(element);
  }
  return { rows, legend };
}

const numberOf = (element: SvgElement, attribute: string) => Number(element.attrs[attribute]);
const totalWidth = (shapes: SvgElement[]) => shapes.reduce((sum, s) => sum + numberOf(s, 'width'), 0);
/** Coordinates are written with one decimal: a drawn length is within 0.05 px of the exact one, per rounded end. */
const PX = 0.15;

let findingCount = 0;
function findingsOf(category: FindingCategory, severity: Severity, count: number): Finding[] {
  return Array.from({ length: count }, () => {
    const n = ++findingCount;
    return createFinding(
      { id: `rule-${category}`, title: `Rule of ${category}`, category, source: 'spec', severity, rationale: 'r', fix: 'f' },
      { message: `finding ${n}`, evidence: [{ kind: 'spec', file: 'api.yaml', line: n }] },
    );
  });
}

const trafficOf = (p50Ms: number, p95Ms: number, p99Ms: number, requests = 100): Endpoint['traffic'] => ({ requests, errorRate: 0, p50Ms, p95Ms, p99Ms });

const inventory: Endpoint[] = [
  { method: 'POST', path: '/orders', seenIn: ['spec', 'trace'], traffic: trafficOf(50, 200, 300) },
  { method: 'GET', path: '/slow', seenIn: ['spec', 'trace'], traffic: trafficOf(100, 400, 800) },
  { method: 'GET', path: '/quiet', seenIn: ['spec'] },
  { method: 'GET', path: '/unused', seenIn: ['spec', 'trace'], traffic: trafficOf(0, 0, 0, 0) },
];

const driver = (method: string, path: string, service: string, breakdown: Record<string, number>, savings: number[]): CostDriverRow => {
  const monthlyCostUsd = Object.values(breakdown).reduce((a, b) => a + b, 0);
  return { method, path, service, monthlyCostUsd, shareOfTotal: monthlyCostUsd / 550, breakdown, fixes: savings.map((monthlySavingUsd) => ({ ruleId: 'trace-n-plus-one-query', monthlySavingUsd })) };
};

const costDrivers: CostDriverRow[] = [
  driver('GET', '/a', 'shop', { db: 300, compute: 100 }, [60, 40]),
  driver('POST', '/b', 'billing', { compute: 100 }, []),
  // A saving larger than the cost (fixes overlap) is drawn as the whole bar, never past it.
  driver('GET', '/c', 'shop', { egress: 50 }, [80]),
];

const traces: TraceSummary = { spanCount: 900, traceCount: 300, requestCount: 400, window: null, totalMonthlyCostUsd: 550, costDrivers, slos: [] };

const result: AuditResult = {
  ...smallResult,
  findings: [...findingsOf('security', 'critical', 2), ...findingsOf('contract', 'medium', 1), ...findingsOf('resilience', 'low', 1), ...findingsOf('contract', 'high', 3)],
  inventory,
};

describe('renderPlanHtml charts', () => {
  const html = renderPlanHtml({ plan: smallPlan([planItem(1)]), result, traces });

  it('draws one bar per category, most findings first, as long as its count and split by severity', () => {
    const { rows, legend } = rowsOf(onlyChart(html, 'findings by category and severity'));
    expect(rows.map((r) => [r.label, r.value])).toEqual([
      ['contract', '4'],
      ['security', '2'],
      ['resilience', '1'],
    ]);
    const pxPerFinding = totalWidth(rows[0].shapes) / 4;
    expect(pxPerFinding).toBeGreaterThan(10);
    const segments = rows.map((r) => r.shapes.map((s) => [s.attrs.fill, numberOf(s, 'width') / pxPerFinding]));
    expect(segments).toEqual([
      [
        [SEVERITY_COLOR.medium, expect.closeTo(1, 2)],
        [SEVERITY_COLOR.high, expect.closeTo(3, 2)],
      ],
      [[SEVERITY_COLOR.critical, expect.closeTo(2, 2)]],
      [[SEVERITY_COLOR.low, expect.closeTo(1, 2)]],
    ]);
    // The segments of a bar are laid end to end.
    const [medium, high] = rows[0].shapes;
    expect(Math.abs(numberOf(medium, 'x') + numberOf(medium, 'width') - numberOf(high, 'x'))).toBeLessThan(PX);
    expect(legend.filter((e) => e.tag === 'text').map((e) => e.text)).toEqual(['critical', 'high', 'medium', 'low', 'info']);
  });

  it('names the endpoints with traffic, slowest p95 first, with their p95 / p99 and marks on one scale', () => {
    const { rows, legend } = rowsOf(onlyChart(html, 'latency percentiles per endpoint'));
    expect(rows.map((r) => [r.label, r.value])).toEqual([
      ['GET /slow', '400 / 800 ms'],
      ['POST /orders', '200 / 300 ms'],
    ]);
    // The scale is read off the slowest row's p50 and p99 marks; every other mark must sit where its figure says.
    const marks = rows.map((r) => r.shapes.filter((s) => s.tag === 'circle').map((c) => numberOf(c, 'cx')));
    const pxPerMs = (marks[0][2] - marks[0][0]) / (800 - 100);
    const msAt = (cx: number) => 100 + (cx - marks[0][0]) / pxPerMs;
    expect(pxPerMs).toBeGreaterThan(0.1);
    expect(marks.map((row) => row.map((cx) => Math.round(msAt(cx))))).toEqual([
      [100, 400, 800],
      [50, 200, 300],
    ]);
    const spans = rows.map((r) => r.shapes.filter((s) => s.tag === 'line').map((l) => [Math.round(msAt(numberOf(l, 'x1'))), Math.round(msAt(numberOf(l, 'x2')))]));
    expect(spans).toEqual([[[100, 800]], [[50, 300]]]);
    expect(legend.filter((e) => e.tag === 'text').map((e) => e.text)).toEqual(['p50', 'p95', 'p99']);
  });

  it('draws each cost driver as long as its monthly cost, with the fixable part inside it', () => {
    const { rows } = rowsOf(onlyChart(html, 'monthly cost by endpoint'));
    expect(rows.map((r) => [r.label, r.value])).toEqual([
      ['GET /a', '$400'],
      ['POST /b', '$100'],
      ['GET /c', '$50.00'],
    ]);
    const [cost, saving] = [0, 1].map((i) => rows.map((r) => numberOf(r.shapes[i], 'width')));
    const pxPerUsd = cost[0] / 400;
    expect(pxPerUsd).toBeGreaterThan(0.1);
    expect(cost.map((w) => w / pxPerUsd)).toEqual([expect.closeTo(400, 0), expect.closeTo(100, 0), expect.closeTo(50, 0)]);
    expect(saving.map((w) => w / pxPerUsd)).toEqual([expect.closeTo(100, 0), 0, expect.closeTo(50, 0)]);
    expect(rows.every((r) => r.shapes[0].attrs.x === r.shapes[1].attrs.x)).toBe(true);
  });

  it('sums the cost per workload, largest first, split by what it is spent on', () => {
    const { rows, legend } = rowsOf(onlyChart(html, 'monthly cost by workload'));
    expect(rows.map((r) => [r.label, r.value])).toEqual([
      ['shop', '$450'],
      ['billing', '$100'],
    ]);
    const kindOfColor = new Map(
      legend.flatMap((e, i) => (e.tag === 'rect' && legend[i + 1]?.tag === 'text' ? [[e.attrs.fill, legend[i + 1].text] as const] : [])),
    );
    expect([...kindOfColor.values()]).toEqual(['compute', 'db', 'egress']);
    const pxPerUsd = totalWidth(rows[0].shapes) / 450;
    expect(pxPerUsd).toBeGreaterThan(0.1);
    const parts = rows.map((r) => r.shapes.map((s) => [kindOfColor.get(s.attrs.fill), numberOf(s, 'width') / pxPerUsd]));
    expect(parts).toEqual([
      [
        ['compute', expect.closeTo(100, 0)],
        ['db', expect.closeTo(300, 0)],
        ['egress', expect.closeTo(50, 0)],
      ],
      [['compute', expect.closeTo(100, 0)]],
    ]);
  });
});

describe('renderPlanHtml charts without data', () => {
  const html = renderPlanHtml({
    plan: smallPlan([planItem(1)]),
    result: { ...smallResult, inventory: inventory.map(({ traffic: _traffic, ...endpoint }) => endpoint) },
  });

  it('says there are no findings instead of drawing an empty category chart', () => {
    expect(chartsLabelled(html, 'findings by category and severity')).toEqual([]);
    expect(html).toContain('<h3>Findings by category and severity</h3>');
    expect(html).toContain('<p>No findings.</p>');
  });

  it('leaves out the latency and cost sections and their charts without traffic or traces', () => {
    for (const label of ['latency percentiles per endpoint', 'monthly cost by endpoint', 'monthly cost by workload']) expect(chartsLabelled(html, label)).toEqual([]);
    expect(html).not.toContain('<h2>Latency per endpoint</h2>');
    expect(html).not.toContain('<h2>Cost drivers</h2>');
  });

  it('leaves out the score-over-time chart with fewer than two audits', () => {
    const single = renderPlanHtml({ plan: smallPlan([planItem(1)]), result: smallResult, history: [{ label: 'now', score: 70 }] });
    expect(chartsLabelled(single, 'score over time')).toEqual([]);
    expect(single).not.toContain('Score over time');
  });
});
