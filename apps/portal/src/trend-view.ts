import type { Audit } from './api';
import { h, svg } from './dom';
import { layoutTrend } from './trend-chart';

// Dots sit inside the grid lines with room for the date labels centred under the first and last.
const BOX = { width: 560, height: 200, left: 72, right: 56, top: 24, bottom: 28 };
const GRID_LEFT = 36;
const GRID_RIGHT = 16;

/** The overall score of each finished audit of a project, oldest first, as an inline SVG line chart. */
export function trendChart(audits: Audit[]): HTMLElement {
  const scored = audits.filter((a) => a.status === 'succeeded' && a.scores).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  if (scored.length === 0) return h('p', { class: 'muted' }, 'No finished audit yet: the trend appears after the first one.');
  // Several audits on one day are told apart by their time.
  const days = scored.map((a) => new Date(a.createdAt).toLocaleDateString(undefined, { month: 'short', day: 'numeric' }));
  const label = (a: Audit, i: number) =>
    days.filter((d) => d === days[i]).length > 1 ? `${days[i]} ${new Date(a.createdAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}` : days[i]!;
  const points = scored.map((a, i) => ({ label: label(a, i), value: a.scores!.overall }));
  const geometry = layoutTrend(points, BOX);
  // At most about six date labels fit under the axis; every dot keeps its tooltip and value.
  const labelEvery = Math.ceil(points.length / 6);
  const summary = points.map((p) => `${p.label}: ${p.value}`).join(', ');
  return h(
    'figure',
    { class: 'trend' },
    svg(
      'svg',
      { viewBox: `0 0 ${BOX.width} ${BOX.height}`, role: 'img', 'aria-label': `Overall score per audit, oldest first: ${summary}` },
      ...geometry.grid.map((g) => [
        svg('line', { x1: GRID_LEFT, x2: BOX.width - GRID_RIGHT, y1: g.y, y2: g.y, class: 'grid' }),
        svg('text', { x: GRID_LEFT - 6, y: g.y + 4, class: 'axis', 'text-anchor': 'end' }, String(g.value)),
      ]),
      svg('path', { d: geometry.path, class: 'line' }),
      ...geometry.dots.map((d, i) => [
        svg('circle', { cx: d.x, cy: d.y, r: 4, class: 'dot' }, svg('title', null, `${d.point.label}: ${d.point.value}`)),
        svg('text', { x: d.x, y: d.y - 9, class: 'value', 'text-anchor': 'middle' }, String(d.point.value)),
        i % labelEvery === 0 || i === geometry.dots.length - 1 ? svg('text', { x: d.x, y: BOX.height - 8, class: 'axis', 'text-anchor': 'middle' }, d.point.label) : null,
      ]),
    ),
    h('figcaption', null, `Overall score of ${scored.length} finished audit${scored.length === 1 ? '' : 's'} (0–100, higher is better).`),
  );
}
