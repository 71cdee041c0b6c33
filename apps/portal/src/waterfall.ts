// Layout of a trace as a waterfall: spans in call order, indented by depth, bars placed by start and duration.

export interface WaterfallSpan {
  spanId: string;
  parentSpanId?: string;
  name: string;
  service: string;
  startUs: number;
  durationUs: number;
  isError: boolean;
}

export interface WaterfallRow {
  span: WaterfallSpan;
  depth: number;
  /** Where the bar starts and how wide it is, as a percentage of the trace's time span. */
  offsetPercent: number;
  widthPercent: number;
}

export interface Waterfall {
  rows: WaterfallRow[];
  startUs: number;
  durationUs: number;
}

/**
 * Roots (spans whose parent is absent from the export) first, each followed by its children by start time, depth
 * first. A span listing itself or a descendant as parent is placed once, as a root.
 */
export function layoutWaterfall(spans: WaterfallSpan[]): Waterfall {
  if (spans.length === 0) return { rows: [], startUs: 0, durationUs: 0 };
  const startUs = Math.min(...spans.map((s) => s.startUs));
  const endUs = Math.max(...spans.map((s) => s.startUs + s.durationUs));
  const durationUs = Math.max(endUs - startUs, 1);
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string, WaterfallSpan[]>();
  for (const span of spans) {
    if (!span.parentSpanId || !ids.has(span.parentSpanId) || span.parentSpanId === span.spanId) continue;
    const list = children.get(span.parentSpanId) ?? [];
    list.push(span);
    children.set(span.parentSpanId, list);
  }
  const byStart = (a: WaterfallSpan, b: WaterfallSpan) => a.startUs - b.startUs || a.spanId.localeCompare(b.spanId);
  const rows: WaterfallRow[] = [];
  const placed = new Set<WaterfallSpan>();
  const place = (span: WaterfallSpan, depth: number) => {
    if (placed.has(span)) return;
    placed.add(span);
    rows.push({
      span,
      depth,
      offsetPercent: round(((span.startUs - startUs) / durationUs) * 100),
      widthPercent: Math.max(round((span.durationUs / durationUs) * 100), 0.5),
    });
    for (const child of (children.get(span.spanId) ?? []).sort(byStart)) place(child, depth + 1);
  };
  const roots = spans.filter((s) => !s.parentSpanId || !ids.has(s.parentSpanId) || s.parentSpanId === s.spanId).sort(byStart);
  for (const root of roots) place(root, 0);
  // Whatever sits in a parent cycle is unreachable from a root: show it flat rather than drop it.
  for (const span of [...spans].sort(byStart)) place(span, 0);
  return { rows, startUs, durationUs };
}

const round = (value: number) => Math.round(value * 100) / 100;
