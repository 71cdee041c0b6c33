import { buildApiModel, loadSpecFromFiles } from '@apiaudit/openapi';
import { lintSpec } from './lint-spec';

type Keyword = 'properties' | 'items' | 'allOf' | 'anyOf' | 'oneOf' | 'additionalProperties' | 'not';

/** 10,000 components, each reaching the next through `$ref` inside `keyword`; the last holds a `password`. */
function chainSpec(count: number, keyword: Keyword): string {
  const schemas: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    const next = i + 1 < count ? { $ref: `#/components/schemas/S${i + 1}` } : { type: 'object', properties: { password: { type: 'string' } } };
    const wrap: Record<Keyword, unknown> = {
      properties: { type: 'object', properties: { next } },
      items: { type: 'array', items: next },
      allOf: { allOf: [next] },
      anyOf: { anyOf: [next, { type: 'string' }] },
      oneOf: { oneOf: [next, { type: 'string' }] },
      additionalProperties: { type: 'object', additionalProperties: next },
      not: { not: next },
    };
    schemas[`S${i}`] = wrap[keyword];
  }
  const content = { 'application/json': { schema: { $ref: '#/components/schemas/S0' }, example: 'x' } };
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Deep', version: '1' },
    paths: { '/a': { post: { operationId: 'a', requestBody: { content }, responses: { '200': { description: 'ok', content } } } } },
    components: { schemas },
  });
}

const DEPTH = 10_000;

/**
 * Every schema walk of the rules (the component and request walks, the per-root collector, example checks) on a
 * schema 10,000 levels deep through $refs: no stack overflow, and the walk reaches the bottom.
 */
describe('spec rules survive schemas nested 10,000 deep through $ref', () => {
  jest.setTimeout(60_000);
  for (const keyword of ['properties', 'items', 'allOf', 'anyOf', 'oneOf', 'additionalProperties', 'not'] as const) {
    it(`lints a chain through ${keyword} and reaches its bottom`, async () => {
      const model = buildApiModel(await loadSpecFromFiles(new Map([['openapi.json', chainSpec(DEPTH, keyword)]])));
      const findings = lintSpec(model);
      // `not` negates: a password under it is not returned, so only the positive keywords must reach it.
      if (keyword !== 'not') {
        const sensitive = findings.filter((f) => f.ruleId === 'sensitive-field-in-response');
        expect(sensitive.flatMap((f) => f.evidence.map((e) => e.pointer))).toEqual([expect.stringMatching(new RegExp(`^/components/schemas/S${DEPTH - 1}/.*/properties/password$`))]);
      } else expect(findings.length).toBeGreaterThan(0);
    });
  }
});
