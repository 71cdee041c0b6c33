import { excerptAround } from './excerpt';

const text = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n');

describe('excerptAround', () => {
  it('returns four lines either side of the line, numbered from the first shown', () => {
    expect(excerptAround(text, 10)).toEqual({ startLine: 6, lines: ['line 6', 'line 7', 'line 8', 'line 9', 'line 10', 'line 11', 'line 12', 'line 13', 'line 14'] });
  });

  it('stops at the start and end of the file', () => {
    expect(excerptAround(text, 2)).toEqual({ startLine: 1, lines: ['line 1', 'line 2', 'line 3', 'line 4', 'line 5', 'line 6'] });
    expect(excerptAround(text, 99).lines.at(-1)).toBe('line 20');
  });

  it('cuts very long lines (minified JSON specs)', () => {
    const { lines } = excerptAround('x'.repeat(10_000), 1);
    expect(lines[0]!.length).toBe(241);
  });
});
