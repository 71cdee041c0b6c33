import { resolve } from 'node:path';
import { buildApiModel, loadSpec, loadSpecFromFiles } from './index';

const corpus = resolve(__dirname, '../../../../shared/corpus/specs');

const SPEC = `openapi: 3.0.3
info: {title: t, version: "1"}
security:
  - apiKey: []
components:
  securitySchemes:
    apiKey: {type: apiKey, in: header, name: X-Key}
paths:
  /pets/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
      - {name: trace, in: header, schema: {type: string}}
    get:
      parameters:
        - {name: trace, in: header, required: true, schema: {type: integer}}
      responses: {'200': {description: ok}}
    delete:
      security: []
      responses: {'204': {description: gone}}
`;

describe('buildApiModel', () => {
  it('merges path-level parameters into each operation, the operation\'s own winning', async () => {
    const model = buildApiModel(await loadSpecFromFiles(new Map([['openapi.yaml', SPEC]])));
    const get = model.operations.find((op) => op.method === 'get')!;
    expect(get.parameters.map((p) => `${p.in}:${p.name}:${p.required}`).sort()).toEqual(['header:trace:true', 'path:id:true']);
    expect(get.parameters.find((p) => p.name === 'trace')!.at.pointer).toBe('/paths/~1pets~1{id}/get/parameters/0');
    const del = model.operations.find((op) => op.method === 'delete')!;
    expect(del.parameters.map((p) => p.name).sort()).toEqual(['id', 'trace']);
  });

  it('inherits document security unless the operation declares its own, [] meaning none', async () => {
    const model = buildApiModel(await loadSpecFromFiles(new Map([['openapi.yaml', SPEC]])));
    const get = model.operations.find((op) => op.method === 'get')!;
    expect(get.security).toEqual([{ apiKey: [] }]);
    expect(get.securityIsOwn).toBe(false);
    const del = model.operations.find((op) => op.method === 'delete')!;
    expect(del.security).toEqual([]);
    expect(del.securityIsOwn).toBe(true);
  });

  it('keeps only requirement objects in a security list, so a null in it grants nothing and breaks nothing', async () => {
    const spec = SPEC.replace('security:\n  - apiKey: []', 'security: [null, "apiKey", {apiKey: []}]').replace('security: []', 'security: [null]');
    const model = buildApiModel(await loadSpecFromFiles(new Map([['openapi.yaml', spec]])));
    expect(model.globalSecurity).toEqual([{ apiKey: [] }]);
    expect(model.operations.find((op) => op.method === 'get')!.security).toEqual([{ apiKey: [] }]);
    const del = model.operations.find((op) => op.method === 'delete')!;
    expect([del.security, del.securityIsOwn]).toEqual([[], true]);
  });

  it('gives every operation of a path the same view of a path-level parameter', async () => {
    const model = buildApiModel(await loadSpecFromFiles(new Map([['openapi.yaml', SPEC]])));
    const [get, del] = ['get', 'delete'].map((method) => model.operations.find((op) => op.method === method)!.parameters.find((p) => p.name === 'id'));
    expect(get).toBe(del);
    expect(get!.at.pointer).toBe('/paths/~1pets~1{id}/parameters/0');
  });

  it('keeps the status a shared response is listed under', async () => {
    const spec = `openapi: 3.0.3
info: {title: t, version: "1"}
components:
  responses:
    Denied: {description: no, headers: {Retry-After: {schema: {type: integer}}}}
paths:
  /a:
    get:
      responses: {'401': {$ref: '#/components/responses/Denied'}, '403': {$ref: '#/components/responses/Denied'}}
  /b:
    get:
      responses: {'401': {$ref: '#/components/responses/Denied'}}
`;
    const model = buildApiModel(await loadSpecFromFiles(new Map([['openapi.yaml', spec]])));
    const [a, b] = model.operations;
    expect(a.responses.map((r) => r.status)).toEqual(['401', '403']);
    expect(b.responses[0]).toBe(a.responses[0]);
    expect(b.responses[0].at.pointer).toBe('/components/responses/Denied');
    expect(b.responses[0].headers.map((h) => h.name)).toEqual(['Retry-After']);
  });

  it('finds the entry file when given a folder', async () => {
    const doc = await loadSpec(resolve(corpus, 'bumpsh-train-travel-api'));
    expect(doc.entryFile).toBe('openapi.yaml');
    expect(buildApiModel(doc).operations).toHaveLength(7);
  });
});
