import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildApiModel, loadSpec } from '@apiaudit/openapi';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { lintSpec } from './index';
import { quickValidate } from './quick-validate';
import { exampleTargets } from './rules/example-invalid';

const corpus = resolve(__dirname, '../../../../shared/corpus/specs');
const ENTRIES: Record<string, string> = {
  'digitalocean-public-v2': 'digitalocean-public-v2/DigitalOcean-public.v2.yaml',
  'oai-petstore-separate-2.0': 'oai-petstore-separate-2.0/spec/swagger.json',
  'bumpsh-train-travel-api': 'bumpsh-train-travel-api/openapi.yaml',
};
const specs = readdirSync(corpus).filter((name) => name !== 'README.md');

describe('linting the real-world corpus', () => {
  it.each(specs)('%s: every rule runs, every finding is located in a real file', async (name) => {
    const model = buildApiModel(await loadSpec(join(corpus, ENTRIES[name] ?? name)));
    const findings = lintSpec(model);
    for (const f of findings) {
      for (const e of f.evidence) {
        expect(e.line).toBeGreaterThan(0);
        expect(model.doc.file(e.file!)).toBeDefined();
      }
    }
    if (model.operations.length > 50) expect(findings.length).toBeGreaterThan(0);
  }, 60000);
});

describe('example targets carry the schema their address resolves to', () => {
  // example-invalid uses the model's schema instead of resolving each target's address again.
  it.each(specs)('%s', async (name) => {
    const model = buildApiModel(await loadSpec(join(corpus, ENTRIES[name] ?? name)));
    for (const { schemaAt, schema } of exampleTargets(model)) {
      if (schemaAt.pointer.includes('%')) continue; // resolved by address in the rule
      const resolved = model.doc.deref({ $ref: `#${schemaAt.pointer}` }, { file: schemaAt.file, pointer: '' });
      expect(resolved?.value).toBe(schema);
    }
  }, 60000);
});

describe('the quick example check agrees with Ajv', () => {
  // Every verdict the quick check decides must be Ajv's verdict; only then may example-invalid skip Ajv for it.
  it.each(['pagerduty-rest-v2.json', 'twilio-api-v2010.json', 'plaid-2020-09-14.yml', 'openai-openapi-2.3.0.yaml'])('on every example of %s', async (name) => {
    const model = buildApiModel(await loadSpec(join(corpus, name)));
    const ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false, logger: false, inlineRefs: false, code: { optimize: false } });
    addFormats(ajv);
    ajv.addSchema(model.doc.root as object, 'spec');
    const decided = { valid: 0, invalid: 0 };
    const disagreements: string[] = [];
    for (const { schemaAt, value } of exampleTargets(model)) {
      const quick = quickValidate(model.doc, { $ref: `#${schemaAt.pointer}` }, { file: schemaAt.file, pointer: '' }, value);
      if (quick.verdict === 'unsure') continue;
      let ajvSays: boolean;
      try {
        ajvSays = ajv.compile({ $ref: `spec#${encodeURI(schemaAt.pointer)}` })(value) as boolean;
      } catch {
        continue; // a schema Ajv cannot compile has no verdict to compare with
      }
      decided[quick.verdict]++;
      if (ajvSays !== (quick.verdict === 'valid')) disagreements.push(`${schemaAt.pointer}: quick ${quick.verdict}, Ajv ${ajvSays ? 'valid' : 'invalid'}`);
    }
    expect(disagreements).toEqual([]);
    expect(decided.valid).toBeGreaterThan(0);
  }, 60000);
});
