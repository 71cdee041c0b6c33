import { json, obj, ok, post, spec, type Doc, type Pair } from './fixtures';

const body = (schema: Doc, extra: Doc = {}) => spec({ '/a': post(schema) }, extra);
const optionalBody = (schema: Doc) => spec({ '/a': { post: { requestBody: { content: json(schema) }, responses: ok() } } });
const noBody = spec({ '/a': { post: { responses: ok() } } });
const pet = (mapping: Doc, propertyName = 'kind') => ({
  oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
  discriminator: { propertyName, mapping },
});
const pets = { components: { schemas: { Cat: obj({ kind: { type: 'string' } }), Dog: obj({ kind: { type: 'string' } }) } } };

export const REQUEST_PAIRS: Pair[] = [
  ['optional request body added', noBody, optionalBody(obj({ note: { type: 'string' } })), ['request-body-added-optional']],
  ['request body removed', optionalBody(obj({ note: { type: 'string' } })), noBody, ['request-body-removed']],
  ['request body became optional', body(obj({ a: { type: 'string' } })), optionalBody(obj({ a: { type: 'string' } })), ['request-body-became-optional']],
  ['request property became optional', body(obj({ a: { type: 'string' } }, ['a'])), body(obj({ a: { type: 'string' } })), ['request-property-became-optional']],
  ['request enum value added', body(obj({ c: { type: 'string', enum: ['eur'] } })), body(obj({ c: { type: 'string', enum: ['eur', 'usd'] } })), ['request-property-enum-value-added']],
  ['request maxItems lowered', body(obj({ tags: { type: 'array', items: { type: 'string' }, maxItems: 20 } })), body(obj({ tags: { type: 'array', items: { type: 'string' }, maxItems: 5 } })), ['request-property-max-items-decreased']],
  ['request minItems raised', body(obj({ tags: { type: 'array', items: { type: 'string' } } })), body(obj({ tags: { type: 'array', items: { type: 'string' }, minItems: 1 } })), ['request-property-min-items-increased']],
  ['request property accepts null', body(obj({ note: { type: 'string' } })), body(obj({ note: { type: 'string', nullable: true } })), ['request-property-became-nullable']],
  ['request property accepts null, 3.1 style', { ...body(obj({ note: { type: 'string' } })), openapi: '3.1.0' }, { ...body(obj({ note: { type: ['string', 'null'] } })), openapi: '3.1.0' }, ['request-property-became-nullable']],
  ['request property no longer readOnly', body(obj({ id: { type: 'string', readOnly: true } })), body(obj({ id: { type: 'string' } })), ['request-property-no-longer-read-only']],
  ['readOnly request property removed', body(obj({ id: { type: 'string', readOnly: true }, name: { type: 'string' } })), body(obj({ name: { type: 'string' } })), []],
  ['request property deprecated', body(obj({ legacy: { type: 'string' } })), body(obj({ legacy: { type: 'string', deprecated: true } })), ['request-property-deprecated']],
  ['request discriminator renamed', body(pet({}), pets), body(pet({}, 'type'), pets), ['request-discriminator-changed']],
  [
    'request discriminator value removed',
    body(pet({ cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog' }), pets),
    body(pet({ cat: '#/components/schemas/Cat' }), pets),
    ['request-discriminator-mapping-removed'],
  ],
  [
    'request property gained a required field through allOf',
    body({ allOf: [{ $ref: '#/components/schemas/Base' }] }, { components: { schemas: { Base: obj({ a: { type: 'string' } }) } } }),
    body({ allOf: [{ $ref: '#/components/schemas/Base' }, obj({ b: { type: 'string' } }, ['b'])] }, { components: { schemas: { Base: obj({ a: { type: 'string' } }) } } }),
    ['request-property-added-required'],
  ],
  [
    'property moved between allOf parts',
    body({ allOf: [obj({ a: { type: 'string' } }), obj({ b: { type: 'integer' } })] }),
    body({ allOf: [obj({ a: { type: 'string' }, b: { type: 'integer' } })] }),
    [],
  ],
  ['request object opened to extra properties', body({ ...obj({ a: { type: 'string' } }), additionalProperties: false }), body(obj({ a: { type: 'string' } })), []],
  [
    'request map values narrowed',
    body({ type: 'object', additionalProperties: { type: 'string', maxLength: 100 } }),
    body({ type: 'object', additionalProperties: { type: 'string', maxLength: 10 } }),
    ['request-property-max-length-decreased'],
  ],
  ['request minimum lowered', body(obj({ qty: { type: 'integer', minimum: 1 } })), body(obj({ qty: { type: 'integer', minimum: 0 } })), []],
  ['request pattern removed', body(obj({ sku: { type: 'string', pattern: '^[A-Z]+$' } })), body(obj({ sku: { type: 'string' } })), []],
  ['request integer widened to number', body(obj({ qty: { type: 'integer' } })), body(obj({ qty: { type: 'number' } })), []],
  [
    'request body shape moved into a component',
    body(obj({ a: { type: 'string' } }, ['a'])),
    body({ $ref: '#/components/schemas/A' }, { components: { schemas: { A: obj({ a: { type: 'string' } }, ['a']) } } }),
    [],
  ],
  [
    'form request body gets a required field',
    spec({ '/a': { post: { requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: obj({ a: { type: 'string' } }) } } }, responses: ok() } } }),
    spec({ '/a': { post: { requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: obj({ a: { type: 'string' }, b: { type: 'string' } }, ['b']) } } }, responses: ok() } } }),
    ['request-property-added-required'],
  ],
];
