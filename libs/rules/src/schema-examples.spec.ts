import { buildApiModel, loadSpecFromFiles } from '@apiaudit/openapi';
import { lintSpec } from './index';
import { oas } from './rule-fixtures';

async function exampleFindings(doc: Record<string, unknown>) {
  const model = buildApiModel(await loadSpecFromFiles(new Map([['openapi.json', JSON.stringify(doc, null, 2)]])));
  return lintSpec(model, (id) => id === 'example-invalid');
}

function pointers(findings: Awaited<ReturnType<typeof exampleFindings>>): string[] {
  return findings.map((finding) => finding.evidence[0].pointer!).sort();
}

const ok = { '200': { description: 'ok' } };

describe('example-invalid checks schema-level examples like media-type examples', () => {
  it('OpenAPI 3.0: a nested property example of the wrong type, in a component and inline in an operation', async () => {
    const order = { type: 'object', properties: { quantity: { type: 'integer', example: 'ten' }, note: { type: 'string', maxLength: 5, example: 'far too long' } } };
    const doc = oas(
      {
        '/orders': {
          post: {
            requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { count: { type: 'integer', minimum: 1, example: 0 } } } } } },
            responses: { '201': { description: 'made', content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } } } },
          },
        },
      },
      { components: { schemas: { Order: order } } },
    );
    const findings = await exampleFindings(doc);
    expect(pointers(findings)).toEqual([
      '/components/schemas/Order/properties/note/example',
      '/components/schemas/Order/properties/quantity/example',
      '/paths/~1orders/post/requestBody/content/application~1json/schema/properties/count/example',
    ]);
    expect(findings.find((finding) => finding.evidence[0].pointer!.endsWith('quantity/example'))!.message).toContain('must be integer');
  });

  it('OpenAPI 3.0: passes the same document with valid examples', async () => {
    const doc = oas({}, { components: { schemas: { Order: { type: 'object', properties: { quantity: { type: 'integer', example: 10 }, note: { type: 'string', maxLength: 5, example: 'ok' } } } } } });
    expect(await exampleFindings(doc)).toEqual([]);
  });

  it('OpenAPI 3.1: each value of a schema’s `examples` array', async () => {
    const doc = { ...oas({}, { components: { schemas: { Size: { type: 'integer', minimum: 1, examples: [3, 0, 'big'] } } } }), openapi: '3.1.0' };
    expect(pointers(await exampleFindings(doc))).toEqual(['/components/schemas/Size/examples/1', '/components/schemas/Size/examples/2']);
  });

  it('OpenAPI 3.x: parameter `example` and named `examples` against the parameter schema', async () => {
    const parameter = { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 100 }, example: 500, examples: { small: { value: 10 }, huge: { value: 1000 } } };
    const doc = oas({ '/orders': { get: { parameters: [parameter], responses: ok } } });
    expect(pointers(await exampleFindings(doc))).toEqual(['/paths/~1orders/get/parameters/0/example', '/paths/~1orders/get/parameters/0/examples/huge/value']);
  });

  it('Swagger 2.0: definition `example`, and parameter `x-example` read as the text a URL carries', async () => {
    const doc = {
      swagger: '2.0',
      info: { title: 'Example', version: '1.0.0' },
      host: 'api.example.com',
      basePath: '/v1',
      paths: {
        '/orders': {
          get: {
            parameters: [
              { name: 'limit', in: 'query', type: 'integer', maximum: 100, 'x-example': '20' },
              { name: 'page', in: 'query', type: 'integer', 'x-example': 'first' },
              { name: 'status', in: 'query', type: 'string', enum: ['open', 'closed'], 'x-example': 'pending' },
            ],
            responses: { '200': { description: 'ok', schema: { $ref: '#/definitions/Order' } } },
          },
        },
      },
      definitions: { Order: { type: 'object', properties: { total: { type: 'number', example: '12.50' }, id: { type: 'string', example: 'o-1' } } } },
    };
    expect(pointers(await exampleFindings(doc))).toEqual([
      '/definitions/Order/properties/total/example',
      '/paths/~1orders/get/parameters/1/x-example',
      '/paths/~1orders/get/parameters/2/x-example',
    ]);
  });
});
