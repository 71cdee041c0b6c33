import { layoutWaterfall, type WaterfallSpan } from './waterfall';

const span = (spanId: string, parentSpanId: string | undefined, startUs: number, durationUs: number): WaterfallSpan => ({
  spanId,
  ...(parentSpanId ? { parentSpanId } : {}),
  name: spanId,
  service: 'shop',
  startUs,
  durationUs,
  isError: false,
});

describe('layoutWaterfall', () => {
  it('nests children under their parent by start time and places bars on the trace time axis', () => {
    const waterfall = layoutWaterfall([span('db2', 'root', 600, 200), span('root', undefined, 0, 1000), span('db1', 'root', 100, 400), span('q', 'db1', 150, 100)]);
    expect(waterfall.rows.map((r) => [r.span.spanId, r.depth])).toEqual([['root', 0], ['db1', 1], ['q', 2], ['db2', 1]]);
    expect(waterfall.rows.map((r) => [r.offsetPercent, r.widthPercent])).toEqual([[0, 100], [10, 40], [15, 10], [60, 20]]);
    expect(waterfall.durationUs).toBe(1000);
  });

  it('treats a span whose parent is not in the export as a root', () => {
    const rows = layoutWaterfall([span('a', 'missing', 10, 5), span('b', 'a', 11, 1)]).rows;
    expect(rows.map((r) => [r.span.spanId, r.depth])).toEqual([['a', 0], ['b', 1]]);
  });

  it('shows spans caught in a parent cycle once each instead of looping', () => {
    const rows = layoutWaterfall([span('a', 'b', 0, 10), span('b', 'a', 2, 5)]).rows;
    expect(rows.map((r) => r.span.spanId).sort()).toEqual(['a', 'b']);
  });

  it('keeps zero-length spans visible', () => {
    expect(layoutWaterfall([span('a', undefined, 0, 1000), span('b', 'a', 500, 0)]).rows[1]!.widthPercent).toBe(0.5);
  });
});
