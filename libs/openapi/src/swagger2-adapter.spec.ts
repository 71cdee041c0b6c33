import { buildApiModel, loadSpecFromFiles } from './index';

const swagger = (paths: string, more = '') => `swagger: '2.0'
info: {title: t, version: '1'}
${more}
paths:
${paths}
`;

async function modelOf(text: string) {
  return buildApiModel(await loadSpecFromFiles(new Map([['swagger.yaml', text]])));
}

describe('Swagger 2.0 in the model', () => {
  it('turns the body parameter into a request body with one media type per `consumes`, the body winning over formData', async () => {
    const model = await modelOf(
      swagger(
        `  /pets:
    post:
      consumes: [application/json, application/xml]
      parameters:
        - {name: note, in: formData, type: string}
        - {name: pet, in: body, required: true, schema: {$ref: '#/definitions/Pet'}}
      responses: {'201': {description: created}}`,
        'definitions: {Pet: {type: object}}',
      ),
    );
    const [op] = model.operations;
    expect(op.requestBody!.required).toBe(true);
    expect(op.requestBody!.content.map((c) => c.mediaType)).toEqual(['application/json', 'application/xml']);
    expect(op.requestBody!.content[0].schema!.at.pointer).toBe('/definitions/Pet');
    expect(op.parameters.map((p) => p.name)).toEqual(['note']);
  });

  it('gathers formData parameters into one object schema under the form media type', async () => {
    const model = await modelOf(
      swagger(`  /upload:
    post:
      consumes: [application/json, multipart/form-data]
      parameters:
        - {name: file, in: formData, type: file, required: true}
        - {name: note, in: formData, type: string}
      responses: {'200': {description: ok}}`),
    );
    const body = model.operations[0].requestBody!;
    expect(body.required).toBe(true);
    expect(body.content.map((c) => c.mediaType)).toEqual(['multipart/form-data']);
    expect(Object.keys(body.content[0].schema!.value.properties as object)).toEqual(['file', 'note']);
    expect(body.content[0].schema!.value.required).toEqual(['file']);
    expect(body.at.pointer).toBe('/paths/~1upload/post/parameters/0');
  });

  it('gives a response schema every `produces` type, falling back to the document\'s and then to JSON', async () => {
    const paths = `  /a:
    get:
      produces: [text/csv]
      responses: {'200': {description: ok, schema: {type: string}, examples: {text/csv: 'a,b'}}}
  /b:
    get:
      responses: {'200': {description: ok, schema: {type: string}}, '204': {description: none}}`;
    const [a, b] = (await modelOf(swagger(paths, 'produces: [application/xml]'))).operations;
    expect(a.responses[0].content.map((c) => [c.mediaType, c.examples.map((e) => e.value)])).toEqual([['text/csv', ['a,b']]]);
    expect(b.responses[0].content.map((c) => c.mediaType)).toEqual(['application/xml']);
    expect(b.responses[1].content).toEqual([]);
    const [, bare] = (await modelOf(swagger(paths))).operations;
    expect(bare.responses[0].content.map((c) => c.mediaType)).toEqual(['application/json']);
  });

  it('takes a typed parameter or header as its own schema', async () => {
    const model = await modelOf(
      swagger(`  /a:
    get:
      parameters: [{name: limit, in: query, type: integer}]
      responses: {'200': {description: ok, headers: {X-Rate: {type: integer}}}}`),
    );
    const [op] = model.operations;
    expect(op.parameters[0].schema!.value).toBe(op.parameters[0].value);
    expect(op.responses[0].headers[0].schema!.value.type).toBe('integer');
  });

  it('reads servers from host, basePath and schemes, and security definitions as 3.x schemes', async () => {
    const model = await modelOf(
      swagger(
        `  /a: {get: {responses: {'200': {description: ok}}}}`,
        `host: api.example.com
basePath: /v1
schemes: [http, https]
securityDefinitions:
  basic: {type: basic}
  oauth: {type: oauth2, flow: implicit, authorizationUrl: 'https://example.com/auth', scopes: {read: r, write: w}}`,
      ),
    );
    expect(model.servers.map((s) => s.url)).toEqual(['http://api.example.com/v1', 'https://api.example.com/v1']);
    expect(model.securitySchemes.map((s) => [s.name, s.type, s.scheme, s.scopes])).toEqual([
      ['basic', 'http', 'basic', []],
      ['oauth', 'oauth2', undefined, ['read', 'write']],
    ]);
  });
});
