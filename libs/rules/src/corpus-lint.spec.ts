import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildApiModel, loadSpec } from '@apiaudit/openapi';
import { lintSpec } from './index';

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
