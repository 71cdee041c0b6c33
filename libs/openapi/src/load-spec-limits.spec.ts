import { loadSpecFromFiles, MAX_NESTING_DEPTH } from './index';
import { SpecInputError } from './model';

const head = 'openapi: 3.0.3\ninfo: {title: Deep, version: "1"}\npaths: {}\n';

async function refusal(files: Record<string, string>): Promise<SpecInputError> {
  try {
    await loadSpecFromFiles(new Map(Object.entries(files)));
  } catch (error) {
    if (error instanceof SpecInputError) return error;
    throw error;
  }
  throw new Error('the document was accepted');
}

describe('loadSpecFromFiles refuses input nested too deep, naming the place', () => {
  it('refuses JSON nested 2,000 deep with the file, line and pointer', async () => {
    const deep = `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`;
    const error = await refusal({ 'openapi.json': `{"openapi":"3.0.3","info":{"title":"Deep","version":"1"},"paths":{},\n"x-deep":${deep}}` });
    expect(error.message).toMatch(new RegExp(`^openapi\\.json:2:\\d+: nested deeper than ${MAX_NESTING_DEPTH} levels at /x-deep/a/a/`));
  });

  it('refuses YAML flow sequences nested 5,000 deep without overflowing the stack', async () => {
    const error = await refusal({ 'openapi.yaml': `${head}x-deep: ${'['.repeat(5000)}${']'.repeat(5000)}\n` });
    // js-yaml stops at its own maxDepth (100) with the line and column.
    expect(error.message).toMatch(/^openapi\.yaml:4:\d+: invalid YAML: nesting exceeded maxDepth \(100\)$/);
  });

  it('refuses block YAML nested beyond the limit', async () => {
    const lines = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n');
    const error = await refusal({ 'openapi.yaml': `${head}x-deep:\n${lines} 1\n` });
    expect(error.message).toMatch(/^openapi\.yaml:\d+:\d+: invalid YAML: nesting exceeded maxDepth \(100\)$/);
  });

  it('accepts the deepest real nesting with room to spare', async () => {
    const deep = `${'{"a":'.repeat(60)}1${'}'.repeat(60)}`;
    const doc = await loadSpecFromFiles(new Map([['openapi.json', `{"openapi":"3.0.3","info":{"title":"Deep","version":"1"},"paths":{},"x-deep":${deep}}`]]));
    expect(doc.version).toBe('3.0');
  });
});

describe('loadSpecFromFiles refuses strings holding U+0000 (PostgreSQL cannot store them)', () => {
  it('names the place of a \\u0000 escape in JSON', async () => {
    const error = await refusal({ 'openapi.json': '{"openapi":"3.0.3","info":{"title":"Nul","version":"1"},\n"paths":{},"x-note":"a\\u0000b"}' });
    expect(error.message).toBe('openapi.json:2:12: a string holds U+0000 (NUL) at /x-note');
  });

  it('names the place of a \\0 escape in a YAML key', async () => {
    const error = await refusal({ 'openapi.yaml': `${head}x-map:\n  "k\\0": 1\n` });
    expect(error.message).toMatch(/^openapi\.yaml:5:\d+: a string holds U\+0000 \(NUL\) at \/x-map\/k/);
  });

  it('accepts an escaped backslash followed by u0000, which is no NUL', async () => {
    const doc = await loadSpecFromFiles(new Map([['openapi.json', '{"openapi":"3.0.3","info":{"title":"a\\\\u0000","version":"1"},"paths":{}}']]));
    expect((doc.root.info as { title: string }).title).toBe('a\\u0000');
  });
});
