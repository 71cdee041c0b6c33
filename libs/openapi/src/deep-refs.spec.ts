import { buildApiModel, loadSpecFromFiles } from './index';

/** A chain of `count` components, each reaching the next through `$ref` inside `keyword` (or being only a `$ref`). */
function refChainSpec(count: number, keyword: 'properties' | 'items' | 'allOf' | 'alias'): string {
  const schemas: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    const next = i + 1 < count ? { $ref: `#/components/schemas/S${i + 1}` } : { type: 'string' };
    schemas[`S${i}`] = keyword === 'properties' ? { type: 'object', properties: { next } } : keyword === 'items' ? { type: 'array', items: next } : keyword === 'allOf' ? { allOf: [next] } : next;
  }
  const content = { 'application/json': { schema: { $ref: '#/components/schemas/S0' } } };
  return JSON.stringify({ openapi: '3.0.3', info: { title: 'Deep', version: '1' }, paths: { '/a': { get: { operationId: 'a', responses: { '200': { description: 'ok', content } } } } }, components: { schemas } });
}

const DEPTH = 10_000;

describe('$ref resolution survives 10,000 schemas chained through $ref (no text is nested deeper than 6)', () => {
  for (const keyword of ['properties', 'items', 'allOf'] as const) {
    it(`loads and models a chain through ${keyword}`, async () => {
      const doc = await loadSpecFromFiles(new Map([['openapi.json', refChainSpec(DEPTH, keyword)]]));
      const model = buildApiModel(doc);
      expect(model.schemas).toHaveLength(DEPTH);
      // Following the chain's first link lands on the next component, however long the chain behind it.
      const first = doc.deref(model.schemas[0]!.value, model.schemas[0]!.at);
      expect(first).toBeDefined();
    });
  }

  it('gives up on 10,000 pure aliases ($ref to $ref) after 64 hops, without recursing', async () => {
    const doc = await loadSpecFromFiles(new Map([['openapi.json', refChainSpec(DEPTH, 'alias')]]));
    const at = { file: doc.entryFile, pointer: '' };
    // Resolution is a loop with a hop limit (MAX_REF_HOPS): a chain longer than that resolves to nothing, like a cycle.
    expect(doc.deref({ $ref: '#/components/schemas/S0' }, at)).toBeUndefined();
    expect(doc.deref({ $ref: `#/components/schemas/S${DEPTH - 60}` }, at)?.value).toEqual({ type: 'string' });
    // The model keeps the aliases that resolve (the last 64 and the leaf).
    expect(buildApiModel(doc).schemas.length).toBe(65);
  });
});
