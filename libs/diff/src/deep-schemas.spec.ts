import { buildApiModel, loadSpecFromFiles, type ApiModel } from '@apiaudit/openapi';
import { diffSpecs } from './diff-specs';

type Keyword = 'properties' | 'items' | 'allOf' | 'alias';

/** 10,000 components, each reaching the next through `$ref` inside `keyword`; `required` lists the top's properties. */
function chainSpec(count: number, keyword: Keyword, required: string[]): string {
  const schemas: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    const next = i + 1 < count ? { $ref: `#/components/schemas/S${i + 1}` } : { type: 'string' };
    const wrap: Record<Keyword, unknown> = { properties: { type: 'object', properties: { next } }, items: { type: 'array', items: next }, allOf: { allOf: [next] }, alias: next };
    schemas[`S${i}`] = wrap[keyword];
  }
  const body = { type: 'object', required, properties: { name: { type: 'string' }, tag: { type: 'string' }, deep: { $ref: '#/components/schemas/S0' } } };
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Deep', version: '1' },
    paths: { '/a': { post: { operationId: 'a', requestBody: { content: { 'application/json': { schema: body } } }, responses: { '200': { description: 'ok' } } } } },
    components: { schemas },
  });
}

const load = async (text: string): Promise<ApiModel> => buildApiModel(await loadSpecFromFiles(new Map([['openapi.json', text]])));
const DEPTH = 10_000;
const now = new Date('2026-12-01T00:00:00Z');

/**
 * The diff's walks on a schema 10,000 levels deep through $refs: the unchanged-operation shortcut (which recurses,
 * and stops at MAX_SAMENESS_DEPTH answering "changed") and the schema checks (depth-limited) neither overflow
 * nor disagree with the exhaustive comparison.
 */
describe('diff survives schemas nested 10,000 deep through $ref', () => {
  jest.setTimeout(60_000);
  for (const keyword of ['properties', 'items', 'allOf', 'alias'] as const) {
    it(`diffs a chain through ${keyword}: finds the change, none between equal versions`, async () => {
      const base = await load(chainSpec(DEPTH, keyword, ['name']));
      const revision = await load(chainSpec(DEPTH, keyword, ['name', 'tag']));
      const changes = diffSpecs(base, revision, { now });
      expect(changes.map((c) => c.checkId)).toContain('request-property-became-required');
      expect(changes).toEqual(diffSpecs(base, revision, { now, exhaustive: true }));
      expect(diffSpecs(base, await load(chainSpec(DEPTH, keyword, ['name'])), { now })).toEqual([]);
    });
  }
});
