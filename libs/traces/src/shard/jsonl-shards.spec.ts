import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { splitLineRanges } from './jsonl-shards';

describe('splitLineRanges', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'traces-shards-')), 'lines.jsonl');
  const lines = Array.from({ length: 500 }, (_, i) => JSON.stringify({ i, pad: 'x'.repeat((i * 37) % 300) }));
  writeFileSync(path, `${lines.join('\n')}\n`);

  it.each([1, 2, 3, 7])('cuts %i ranges at line starts that cover the file exactly once', async (parts) => {
    const ranges = await splitLineRanges(path, parts);
    const content = readFileSync(path);
    expect(ranges).toHaveLength(parts);
    expect(ranges[0].start).toBe(0);
    expect(ranges[ranges.length - 1].end).toBe(content.length);
    const seen: string[] = [];
    for (const [index, range] of ranges.entries()) {
      if (index > 0) expect(content[range.start - 1]).toBe(10);
      seen.push(...content.subarray(range.start, range.end).toString('utf8').split('\n').filter(Boolean));
    }
    expect(seen).toEqual(lines);
  });
});
