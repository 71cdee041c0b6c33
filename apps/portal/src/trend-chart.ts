// Geometry of the score trend: pure, so it is unit tested without a browser; trend-view.ts draws it as SVG.

export interface TrendPoint {
  label: string;
  /** A score from 0 to 100. */
  value: number;
}

export interface TrendGeometry {
  /** An SVG path through the points, oldest first, left to right. */
  path: string;
  dots: Array<{ x: number; y: number; point: TrendPoint }>;
  /** Horizontal grid lines at 0, 25, 50, 75 and 100. */
  grid: Array<{ y: number; value: number }>;
}

export function layoutTrend(points: TrendPoint[], box: { width: number; height: number; left: number; right: number; top: number; bottom: number }): TrendGeometry {
  const innerWidth = box.width - box.left - box.right;
  const innerHeight = box.height - box.top - box.bottom;
  const yOf = (value: number) => round(box.top + innerHeight * (1 - clamp(value, 0, 100) / 100));
  // One point sits in the middle; more spread from edge to edge.
  const xOf = (i: number) => round(points.length === 1 ? box.left + innerWidth / 2 : box.left + (innerWidth * i) / (points.length - 1));
  const dots = points.map((point, i) => ({ x: xOf(i), y: yOf(point.value), point }));
  const path = dots.map((dot, i) => `${i === 0 ? 'M' : 'L'}${dot.x},${dot.y}`).join(' ');
  const grid = [0, 25, 50, 75, 100].map((value) => ({ y: yOf(value), value }));
  return { path, dots, grid };
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
const round = (value: number) => Math.round(value * 10) / 10;
