import { layoutTrend } from './trend-chart';

const box = { width: 200, height: 120, left: 20, right: 10, top: 10, bottom: 10 };

describe('layoutTrend', () => {
  it('spreads scores left to right and maps 100 to the top, 0 to the bottom', () => {
    const geometry = layoutTrend([{ label: 'a', value: 0 }, { label: 'b', value: 50 }, { label: 'c', value: 100 }], box);
    expect(geometry.dots.map(({ x, y }) => [x, y])).toEqual([[20, 110], [105, 60], [190, 10]]);
    expect(geometry.path).toBe('M20,110 L105,60 L190,10');
    expect(geometry.grid[0]).toEqual({ y: 110, value: 0 });
    expect(geometry.grid[4]).toEqual({ y: 10, value: 100 });
  });

  it('centres a single audit and clamps out-of-range scores', () => {
    const geometry = layoutTrend([{ label: 'only', value: 140 }], box);
    expect(geometry.dots).toEqual([{ x: 105, y: 10, point: { label: 'only', value: 140 } }]);
    expect(geometry.path).toBe('M105,10');
  });

  it('draws nothing for no audits', () => {
    expect(layoutTrend([], box).path).toBe('');
  });
});
