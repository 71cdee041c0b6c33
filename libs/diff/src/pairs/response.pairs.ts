import { get, json, obj, ok, returns, spec, type Doc, type Pair } from './fixtures';

const api = (schema: Doc, extra: Doc = {}) => spec({ '/a': returns(schema) }, extra);
const withResponses = (responses: Doc) => spec({ '/a': { get: { responses } } });
const headers = (h: Doc) => withResponses({ '200': { ...ok()['200'], headers: h } });
const animal = (mapping: Doc, propertyName = 'kind') => ({
  oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
  discriminator: { propertyName, mapping },
});
const animals = { components: { schemas: { Cat: obj({ kind: { type: 'string' } }), Dog: obj({ kind: { type: 'string' } }) } } };
const problem = { description: 'error', content: { 'application/problem+json': { schema: obj({ title: { type: 'string' } }) } } };

export const RESPONSE_PAIRS: Pair[] = [
  ['response property now always present', api(obj({ id: { type: 'string' } })), api(obj({ id: { type: 'string' } }, ['id'])), ['response-property-became-required']],
  ['response enum value removed', api(obj({ s: { type: 'string', enum: ['open', 'held'] } })), api(obj({ s: { type: 'string', enum: ['open'] } })), ['response-property-enum-value-removed']],
  ['response maxLength raised', api(obj({ code: { type: 'string', maxLength: 8 } })), api(obj({ code: { type: 'string', maxLength: 16 } })), ['response-property-max-length-increased']],
  ['response maximum raised', api(obj({ n: { type: 'integer', maximum: 100 } })), api(obj({ n: { type: 'integer', maximum: 1000 } })), ['response-property-maximum-increased']],
  ['response maximum lowered', api(obj({ n: { type: 'integer', maximum: 1000 } })), api(obj({ n: { type: 'integer', maximum: 100 } })), []],
  ['response property no longer writeOnly', api(obj({ pin: { type: 'string', writeOnly: true } })), api(obj({ pin: { type: 'string' } })), ['response-property-no-longer-write-only']],
  ['writeOnly response property removed', api(obj({ id: { type: 'string' }, pin: { type: 'string', writeOnly: true } })), api(obj({ id: { type: 'string' } })), []],
  ['response option removed', api(obj({ p: { anyOf: [{ type: 'string' }, { type: 'integer' }] } })), api(obj({ p: { anyOf: [{ type: 'string' }] } })), ['response-property-option-removed']],
  ['response property never null', api(obj({ s: { type: 'string', nullable: true } })), api(obj({ s: { type: 'string' } })), ['response-property-no-longer-nullable']],
  ['response object opened', api({ ...obj({ id: { type: 'string' } }), additionalProperties: false }), api(obj({ id: { type: 'string' } })), ['response-additional-properties-opened']],
  ['response property deprecated', api(obj({ legacy: { type: 'string' } })), api(obj({ legacy: { type: 'string', deprecated: true } })), ['response-property-deprecated']],
  ['response discriminator renamed', api(animal({}), animals), api(animal({}, 'type'), animals), ['response-discriminator-changed']],
  [
    'response discriminator value added',
    api(animal({ cat: '#/components/schemas/Cat' }), animals),
    api(animal({ cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog' }), animals),
    ['response-discriminator-mapping-added'],
  ],
  [
    'response property lost from an allOf part',
    api({ allOf: [{ $ref: '#/components/schemas/Base' }, obj({ extra: { type: 'string' } })] }, { components: { schemas: { Base: obj({ id: { type: 'string' }, name: { type: 'string' } }) } } }),
    api({ allOf: [{ $ref: '#/components/schemas/Base' }, obj({ extra: { type: 'string' } })] }, { components: { schemas: { Base: obj({ id: { type: 'string' } }) } } }),
    ['response-property-removed'],
  ],
  ['response array items changed type', api(obj({ ids: { type: 'array', items: { type: 'string' } } })), api(obj({ ids: { type: 'array', items: { type: 'integer' } } })), ['response-property-type-changed']],
  ['response map values lost a property', api({ type: 'object', additionalProperties: obj({ a: { type: 'string' }, b: { type: 'string' } }) }), api({ type: 'object', additionalProperties: obj({ a: { type: 'string' } }) }), ['response-property-removed']],
  ['error status no longer documented', withResponses({ ...ok(), '404': problem }), withResponses(ok()), ['response-error-status-removed']],
  ['default response removed', withResponses({ ...ok(), default: problem }), withResponses(ok()), ['response-default-removed']],
  ['error shape lost a field', withResponses({ ...ok(), '404': problem }), withResponses({ ...ok(), '404': { description: 'error', content: { 'application/problem+json': { schema: obj({}) } } } }), ['response-property-removed']],
  ['response body removed', withResponses(ok()), withResponses({ '200': { description: 'ok' } }), ['response-body-removed']],
  ['response schema removed', withResponses(ok()), withResponses({ '200': { description: 'ok', content: { 'application/json': {} } } }), ['response-schema-removed']],
  ['response header added', headers({}), headers({ ETag: { schema: { type: 'string' } } }), ['response-header-added']],
  ['response header became optional', headers({ 'X-Rate-Limit': { required: true, schema: { type: 'integer' } } }), headers({ 'X-Rate-Limit': { schema: { type: 'integer' } } }), ['response-header-became-optional']],
  ['response header type changed', headers({ 'X-Rate-Limit': { schema: { type: 'integer' } } }), headers({ 'X-Rate-Limit': { schema: { type: 'string' } } }), ['response-header-type-changed']],
  ['response header names compare case-insensitively', headers({ ETag: { schema: { type: 'string' } } }), headers({ etag: { schema: { type: 'string' } } }), []],
  ['200 replaced by 201', withResponses(ok()), withResponses({ '201': ok()['200'] }), ['response-success-status-removed', 'response-status-added']],
  ['second success media type kept, JSON compared', withResponses({ '200': { description: 'ok', content: { ...json(obj({ id: { type: 'string' } })), 'application/xml': { schema: obj({}) } } } }), withResponses({ '200': { description: 'ok', content: { ...json(obj({ id: { type: 'integer' } })), 'application/xml': { schema: obj({}) } } } }), ['response-property-type-changed']],
  ['description-only edits', spec({ '/a': get({ responses: { '200': { ...ok()['200'], description: 'the list' } } }) }), spec({ '/a': get({ responses: { '200': { ...ok()['200'], description: 'all of them' } } }) }), []],
];
