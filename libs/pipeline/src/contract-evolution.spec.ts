import { resolve } from 'node:path';
import type { SpecChange } from '@apiaudit/domain';
import { DEFAULT_CONFIG } from '@apiaudit/rules';
import { contractEvolution, minDeprecationDaysOf } from './contract-evolution';
import { ingestSpecs } from './ingest-audit';

const shop = resolve(__dirname, '../../../examples/shop/openapi.yaml');
const now = new Date('2026-12-07T00:00:00Z');

describe('contractEvolution', () => {
  it('uses changes computed before for the pair and never reads the previous spec', async () => {
    const [newest] = await ingestSpecs([{ kind: 'path', path: shop }]);
    const stored: SpecChange[] = [
      { checkId: 'operation-removed', level: 'breaking', operation: { method: 'GET', path: '/v1/legacy' }, message: 'GET /v1/legacy was removed.' },
      { checkId: 'operation-added', level: 'non-breaking', operation: { method: 'GET', path: '/v1/new' }, message: 'GET /v1/new was added.' },
    ];
    const findings = await contractEvolution({ previousSpec: { kind: 'path', path: '/nonexistent/openapi.yaml' }, previousChanges: stored }, newest, DEFAULT_CONFIG, now);
    expect(findings.map((f) => [f.ruleId, f.message])).toEqual([['operation-removed', 'GET /v1/legacy was removed.']]);
  });

  it('diffs the previous spec itself when no changes are given', async () => {
    const [newest] = await ingestSpecs([{ kind: 'path', path: shop }]);
    expect(await contractEvolution({ previousSpec: { kind: 'path', path: shop } }, newest, DEFAULT_CONFIG, now)).toEqual([]);
    await expect(contractEvolution({ previousSpec: { kind: 'path', path: '/nonexistent/openapi.yaml' } }, newest, DEFAULT_CONFIG, now)).rejects.toThrow();
  });

  it('judges removals by the config’s deprecation window, else 90 days', () => {
    expect(minDeprecationDaysOf(DEFAULT_CONFIG)).toBe(90);
    expect(minDeprecationDaysOf({ ...DEFAULT_CONFIG, diff: { minDeprecationDays: 30 } })).toBe(30);
  });
});
