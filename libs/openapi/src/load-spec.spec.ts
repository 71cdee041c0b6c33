import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildApiModel, loadSpec, loadSpecFromFiles, SpecInputError } from './index';

const corpus = resolve(__dirname, '../../../../shared/corpus/specs');

// Operation counts as the corpus README states them ("ops" column).
const CORPUS: Array<[string, string, number]> = [
  ['oai-petstore-2.0.yaml', '2.0', 3],
  ['oai-petstore-separate-2.0/spec/swagger.json', '2.0', 4],
  ['oai-petstore-expanded-3.0.yaml', '3.0', 4],
  ['oai-webhook-example-3.1.json', '3.1', 0],
  ['realworld-conduit-1.0.0.yml', '3.0', 19],
  ['realworld-conduit-1.1.0.yml', '3.1', 19],
  ['bumpsh-train-travel-api/openapi.yaml', '3.1', 7],
  ['digitalocean-public-v2/DigitalOcean-public.v2.yaml', '3.0', 659],
  ['openai-openapi-2.3.0.yaml', '3.1', 288],
  ['plaid-2020-09-14.yml', '3.0', 329],
  ['twilio-api-v2010.json', '3.0', 197],
  ['box-platform.json', '3.0', 296],
  ['pagerduty-rest-v2.json', '3.0', 465],
  ['slack-web-api-v2.json', '2.0', 174],
  ['kubernetes-v1.9.12.json', '2.0', 958],
  ['spotify-web-api.yml', '3.0', 96],
];

describe('loadSpec on the real-world corpus', () => {
  it.each(CORPUS)('%s loads as OAS %s with %i operations', async (file, version, operations) => {
    const doc = await loadSpec(join(corpus, file));
    expect(doc.version).toBe(version);
    expect(buildApiModel(doc).operations).toHaveLength(operations);
  }, 30000);

  it('reports Spotify\'s missing policies file once and the 22 refs that pass through it', async () => {
    const doc = await loadSpec(join(corpus, 'spotify-web-api.yml'));
    const missing = doc.problems.filter((p) => p.code === 'ref-file-missing');
    expect(missing).toHaveLength(1);
    expect(doc.locate(missing[0].at)).toMatchObject({ line: 4151, column: 5, pointer: '/components/x-spotify-policy/policies' });
    expect(doc.problems.filter((p) => p.code === 'ref-unresolved')).toHaveLength(22);
  });

  it('turns Plaid\'s ten empty path items into problems, not operations', async () => {
    const doc = await loadSpec(join(corpus, 'plaid-2020-09-14.yml'));
    buildApiModel(doc);
    expect(doc.problems.filter((p) => p.code === 'empty-path-item')).toHaveLength(10);
  }, 30000);

  it('follows operations $ref\'d to other files and locates nodes inside them', async () => {
    const doc = await loadSpec(join(corpus, 'digitalocean-public-v2/DigitalOcean-public.v2.yaml'));
    const model = buildApiModel(doc);
    const op = model.operations.find((o) => o.operationId === 'droplets_list')!;
    expect(op.at.file).toMatch(/^resources\/droplets\/droplets_list\.yml$/);
    const location = doc.locate({ file: op.at.file, pointer: '/operationId' });
    const line = readFileSync(join(corpus, 'digitalocean-public-v2', op.at.file), 'utf8').split('\n')[location.line - 1];
    expect(line.slice(location.column - 1)).toMatch(/^operationId: droplets_list/);
    expect(doc.problems).toEqual([]);
  }, 30000);

  it('points at the right line and column in a large JSON file', async () => {
    const doc = await loadSpec(join(corpus, 'kubernetes-v1.9.12.json'));
    const model = buildApiModel(doc);
    const op = model.operations.find((o) => o.operationId === 'listCoreV1Namespace')!;
    const location = doc.locate({ file: op.at.file, pointer: `${op.at.pointer}/operationId` });
    const line = readFileSync(join(corpus, 'kubernetes-v1.9.12.json'), 'utf8').split('\n')[location.line - 1];
    expect(line.slice(location.column - 1)).toMatch(/^"operationId": "listCoreV1Namespace"/);
  });
});

describe('buildApiModel normalisation', () => {
  it('turns Swagger 2 body parameters, produces and securityDefinitions into the 3.x shape', async () => {
    const doc = await loadSpecFromFiles(
      new Map([
        [
          'swagger.yaml',
          `swagger: "2.0"
info: {title: t, version: "1"}
host: api.example.com
basePath: /v2
schemes: [https]
produces: [application/json]
securityDefinitions:
  basicAuth: {type: basic}
  oauth: {type: oauth2, flow: implicit, authorizationUrl: "https://x", scopes: {read: r, write: w}}
security: [{basicAuth: []}]
paths:
  /pets/{id}:
    parameters:
      - {name: id, in: path, required: true, type: string}
    put:
      parameters:
        - {name: body, in: body, required: true, schema: {$ref: "#/definitions/Pet"}}
        - {name: id, in: path, required: true, type: integer}
      responses:
        "200": {description: ok, schema: {$ref: "#/definitions/Pet"}}
      security: []
definitions:
  Pet: {type: object, properties: {name: {type: string}}}
`,
        ],
      ]),
    );
    const model = buildApiModel(doc);
    const [op] = model.operations;
    expect(op.parameters).toHaveLength(1);
    expect(op.parameters[0].schema?.value.type).toBe('integer');
    expect(op.requestBody?.content[0].mediaType).toBe('application/json');
    expect(op.requestBody?.content[0].schema?.at.pointer).toBe('/definitions/Pet');
    expect(op.responses[0].content[0].schema?.value.type).toBe('object');
    expect(op.security).toEqual([]);
    expect(op.securityIsOwn).toBe(true);
    expect(model.servers.map((s) => s.url)).toEqual(['https://api.example.com/v2']);
    expect(model.securitySchemes.map((s) => [s.name, s.type, s.scheme ?? null, s.scopes])).toEqual([
      ['basicAuth', 'http', 'basic', []],
      ['oauth', 'oauth2', null, ['read', 'write']],
    ]);
  });

  it('survives circular schemas and reference cycles', async () => {
    const doc = await loadSpecFromFiles(
      new Map([
        [
          'openapi.yaml',
          `openapi: 3.0.0
info: {title: t, version: "1"}
paths:
  /nodes:
    get:
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Node"}}}}
        "500": {$ref: "#/components/responses/A"}
components:
  schemas:
    Node: {type: object, properties: {children: {type: array, items: {$ref: "#/components/schemas/Node"}}}}
  responses:
    A: {$ref: "#/components/responses/B"}
    B: {$ref: "#/components/responses/A"}
`,
        ],
      ]),
    );
    const [op] = buildApiModel(doc).operations;
    expect(op.responses.map((r) => r.status)).toEqual(['200']);
  });
});

describe('invalid input', () => {
  const load = (text: string, name = 'openapi.yaml') => loadSpecFromFiles(new Map([[name, text]]));

  it.each([
    ['YAML syntax error', 'openapi: 3.0.0\ninfo: {title: t\npaths: {}\n', /invalid YAML.*openapi\.yaml:\d+:\d+|openapi\.yaml:\d+:\d+: invalid YAML/],
    ['duplicate keys', 'openapi: 3.0.0\ninfo: {title: t, version: "1"}\npaths: {}\npaths: {}\n', /openapi\.yaml:4:1: invalid YAML: duplicate key/],
    ['not OpenAPI', 'name: my-app\nversion: 2\n', /not an OpenAPI or Swagger document/],
    ['unsupported version', 'openapi: 4.0.0\ninfo: {}\n', /unsupported OpenAPI version '4.0.0'/],
    ['an empty file', '  \n', /empty file/],
    ['binary content', 'PK\u0003\u0004\u0000\u0000', /binary content/],
    ['a scalar document', '"just a string"', /top level is not a mapping/],
  ])('rejects %s with a located SpecInputError', async (_name, text, message) => {
    const error = await load(text).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecInputError);
    expect((error as Error).message).toMatch(message);
  });

  it('rejects invalid JSON with its line and column', async () => {
    await expect(load('{\n  "openapi": "3.0.0",\n  "info": {,\n}', 'openapi.json')).rejects.toThrow(/openapi\.json:3:\d+: invalid JSON/);
  });

  it('bounds YAML alias expansion (billion laughs) instead of hanging', async () => {
    const lines = ['openapi: 3.0.0', 'a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i <= 8; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    await expect(load(lines.join('\n'))).rejects.toThrow(SpecInputError);
  });

  it('reports a $ref to a folder on disk as a missing file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apiaudit-folder-ref-'));
    try {
      mkdirSync(join(dir, 'schemas'));
      writeFileSync(join(dir, 'openapi.yaml'), 'openapi: 3.0.0\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    $ref: "./schemas"\n');
      const doc = await loadSpec(join(dir, 'openapi.yaml'));
      expect(doc.problems.map((p) => [p.code, p.at.pointer])).toEqual([['ref-file-missing', '/paths/~1a']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('enforces the size limit', async () => {
    const text = `openapi: 3.0.0\ninfo: {title: t, version: "1"}\npaths: {}\nx-pad: "${'y'.repeat(5000)}"\n`;
    await expect(loadSpecFromFiles(new Map([['openapi.yaml', text]]), undefined, { maxBytes: 1000 })).rejects.toThrow(/larger than the 1000-byte limit/);
  });
});
