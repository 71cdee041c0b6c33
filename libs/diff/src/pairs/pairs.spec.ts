import { DIFF_CHECKS } from '../diff-checks';
import { diffSpecs } from '../diff-specs';
import { model, now } from './fixtures';
import { DIFF_PAIRS as ALL } from './index';

describe.each(Object.entries(ALL))('spec pairs: %s', (_family, pairs) => {
  it.each(pairs)('%s', async (_name, base, revision, expected) => {
    const changes = diffSpecs(await model(base), await model(revision), { now });
    expect(changes.map((c) => c.checkId).sort()).toEqual([...expected].sort());
    for (const c of changes) {
      const placeholders = [...DIFF_CHECKS[c.checkId as keyof typeof DIFF_CHECKS].message.matchAll(/\{\w+\}/g)].map((m) => m[0]);
      expect(placeholders.filter((p) => c.message.includes(p))).toEqual([]);
      expect(c.message).not.toMatch(/undefined|NaN/);
    }
  });
});

describe('the pair suite', () => {
  const pairs = Object.values(ALL).flat();

  it('has distinct names and at least 150 pairs', () => {
    expect(new Set(pairs.map(([name]) => name)).size).toBe(pairs.length);
    expect(pairs.length).toBeGreaterThanOrEqual(150);
  });

  it('makes every check fire in at least one pair', () => {
    const fired = new Set(pairs.flatMap(([, , , expected]) => expected));
    expect(Object.keys(DIFF_CHECKS).filter((id) => !fired.has(id))).toEqual([]);
  });
});
