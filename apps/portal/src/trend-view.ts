import type { Audit } from './api';
import { h, svg } from './dom';
import { layoutTrend } from './trend-chart';

const BOX = { width: 560, height: 200, left: 36, right: 16, top: 12, bottom: 28 };

/** The overall score of each finished audit of a project, oldest first, as an inline SVG line chart. */
export function trendChart(audits: Audit[]): HTMLElement {
  const scored = audits.filter((a) => a.status === 'succeeded' && a.scores).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  if (scored.length === 0) return h('p', { class: 'muted' }, 'No finished audit yet: the trend appears after the first one.');
  const points = scored.map((a) => ({ label: new Date(a.createdAt).toLocaleDateString(undefined, { month: 'short', day: 'numeric' }), value: a.scores!.overall }));
  const geometry = layoutTrend(points, BOX);
  const summary = points.map((p) => `${p.label}: ${p.value}`).join(', ');
  return h(
    'figure',
    { class: 'trend' },
    svg(
      'svg',
      { viewBox: `0 0 ${BOX.width} ${BOX.height}`, role: 'img', 'aria-label': `Overall score per audit, oldest first: ${summary}` },
      ...geometry.grid.map((g) => [
        svg('line', { x1: BOX.left, x2: BOX.width - BOX.right, y1: g.y, y2: g.y, class: 'grid' }),
        svg('text', { x: BOX.left - 6, y: g.y + 4, class: 'axis', 'text-anchor': 'end' }, String(g.value)),
      ]),
      svg('path', { d: geometry.path, class: 'line' }),
      ...geometry.dots.map((d) => [
        svg('circle', { cx: d.x, cy: d.y, r: 4, class: 'dot' }, svg('title', null, `${d.point.label}: ${d.point.value}`)),
        svg('text', { x: d.x, y: BOX.height - 8, class: 'axis', 'text-anchor': 'middle' }, d.point.label),
      ]),
    ),
    h('figcaption', null, `Overall score of ${scored.length} finished audit${scored.length === 1 ? '' : 's'} (0–100, higher is better).`),
  );
}
