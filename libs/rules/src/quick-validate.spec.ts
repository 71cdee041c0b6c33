import { loadSpecFromFiles, type JsonValue } from '@apiaudit/openapi';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { quickValidate, rememberedPatternCount } from './quick-validate';

// Each case: a schema and values; the quick check must decide each one, and decide it as Ajv does.
const CASES: Array<[string, JsonValue, JsonValue[]]> = [
  ['multipleOf an integer', { type: 'integer', multipleOf: 5 }, [0, 10, -15, 7, 12]],
  ['multipleOf a fraction', { type: 'number', multipleOf: 0.5 }, [1.5, 2, 0.25, -0.5]],
  // 0.3 / 0.1 is 2.9999999999999996 in binary floating point: Ajv (without multipleOfPrecision) says invalid.
  ['multipleOf 0.1', { multipleOf: 0.1 }, [0.3, 0.5, 1, 'not a number']],
  ['multipleOf beyond parseInt', { multipleOf: 3 }, [3e21, 1.5e300]],
  ['bounds with multipleOf', { type: 'integer', minimum: 0, maximum: 100, multipleOf: 10 }, [50, 55, 110]],
  // url and uri are mostly decided by small stand-ins for ajv-formats' patterns; these probe both sides of them.
  [
    'url format',
    { type: 'string', format: 'url' },
    [
      'https://api.example.com/users/P1?limit=10#top',
      'http://example.co.uk:8080',
      'HTTPS://EXAMPLE.COM/A',
      'ftp://files.example.org/a.txt',
      'https://ex-ample.com/a b',
      'https://a--b.com',
      'https://-a.com',
      'https://example.c0m',
      'https://example.c',
      'https://example.com:1',
      'https://user:secret@example.com',
      'https://münchen.de',
      'httpſ://example.com',
      'http://10.0.0.1/x',
      'http://8.8.8.8',
      'http://localhost:3000',
      'https://exa_mple.com',
      'mailto:a@example.com',
      '',
    ],
  ],
  [
    'uri format',
    { type: 'string', format: 'uri' },
    [
      'https://example.com/a/b?c=d&e=f#g',
      'http://example.com:8080/%20x',
      'HTTP://EXAMPLE.COM',
      'a+b-c.d://host',
      'https://',
      'http://[::1]/x',
      'http://example.com/a b',
      'http://exa%mple.com',
      'urn:isbn:0451450523',
      'mailto:a@example.com',
      '/2010-04-01/Accounts.json?Page=0',
      'relative/path',
      '1http://example.com',
      ':no-scheme',
      '',
    ],
  ],
];

describe('quickValidate', () => {
  const ajv = new Ajv({ strict: false, logger: false });
  addFormats(ajv);

  it.each(CASES)('%s: decided, and as Ajv decides', async (_name, schema, values) => {
    const doc = await loadSpecFromFiles(new Map([['openapi.json', JSON.stringify({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {}, components: { schemas: { S: schema } } })]]));
    const validate = ajv.compile(schema as object);
    for (const value of values) {
      const quick = quickValidate(doc, { $ref: '#/components/schemas/S' }, { file: 'openapi.json', pointer: '' }, value);
      expect({ value, verdict: quick.verdict }).toEqual({ value, verdict: validate(value) ? 'valid' : 'invalid' });
    }
  });

  it('says why a multipleOf fails, in Ajv words', async () => {
    const doc = await loadSpecFromFiles(new Map([['openapi.json', JSON.stringify({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {} })]]));
    expect(quickValidate(doc, { multipleOf: 5 }, { file: 'openapi.json', pointer: '/x' }, 7)).toEqual({ verdict: 'invalid', instancePath: '', message: 'must be multiple of 5' });
  });
});

describe('quickValidate on keywords it does not evaluate', () => {
  it('answers unsure, even for names an object literal would inherit', async () => {
    const doc = await loadSpecFromFiles(new Map([['openapi.json', JSON.stringify({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {} })]]));
    for (const keyword of ['toString', 'constructor', 'dependentRequired', 'contains']) {
      expect(quickValidate(doc, { type: 'object', [keyword]: {} }, { file: 'openapi.json', pointer: '/x' }, {}).verdict).toBe('unsure');
    }
  });
});

describe('quickValidate pattern cache', () => {
  it('keeps at most 10,000 compiled patterns, and still judges by each pattern after starting over', async () => {
    const doc = await loadSpecFromFiles(new Map([['openapi.json', JSON.stringify({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {} })]]));
    const at = { file: 'openapi.json', pointer: '/x' };
    let most = 0;
    for (let i = 0; i < 10_500; i++) {
      const schema = { type: 'string', pattern: `^id-${i}$` };
      expect(quickValidate(doc, schema, at, `id-${i}`).verdict).toBe('valid');
      most = Math.max(most, rememberedPatternCount());
    }
    expect(most).toBe(10_000);
    expect(rememberedPatternCount()).toBeLessThan(10_000);
    expect(quickValidate(doc, { type: 'string', pattern: '^id-7$' }, at, 'id-8').verdict).toBe('invalid');
  });
});
