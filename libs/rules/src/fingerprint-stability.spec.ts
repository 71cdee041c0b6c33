import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { load as parseYaml, dump as toYaml } from 'js-yaml';
import type { Finding } from '@apiaudit/domain';
import { buildApiModel, loadSpecFromFiles, type JsonObject, type JsonValue } from '@apiaudit/openapi';
import { lintSpec } from './lint-spec';

// Fingerprints match findings across re-audits, suppressions and `--baseline`: they must follow the defect, not
// the text around it. Each case edits a real spec without touching its defects (or touching one) and compares.
const corpus = resolve(__dirname, '../../../../shared/corpus/specs');
const SPECS = ['oai-petstore-expanded-3.0.yaml', 'realworld-conduit-1.0.0.yml', 'realworld-conduit-1.1.0.yml', 'oai-petstore-2.0.yaml'];

type Files = Map<string, string>;

async function lint(files: Files, entry?: string): Promise<Finding[]> {
  return lintSpec(buildApiModel(await loadSpecFromFiles(files, entry)));
}

function fingerprints(findings: Finding[]): string[] {
  return findings.map((f) => f.fingerprint).sort();
}

function readSpec(name: string): JsonObject {
  return parseYaml(readFileSync(resolve(corpus, name), 'utf8')) as JsonObject;
}

function reverseKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).reverse().map((k) => [k, reverseKeys(value[k])]));
}

/**
 * Rewrites `#/<section>/<Name>` refs into refs to `<dir>/<Name>.yaml`, relative to a file in `fromDir`, and other
 * local refs of a file in `fromDir` into refs to the entry file.
 */
function rewriteRefs(value: JsonValue, section: string, dir: string, fromDir: string): JsonValue {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, section, dir, fromDir));
  if (value === null || typeof value !== 'object') return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    const prefix = `#/${section}/`;
    if (k !== '$ref' || typeof v !== 'string') out[k] = rewriteRefs(v, section, dir, fromDir);
    else if (v.startsWith(prefix)) out[k] = `${fromDir ? '../' : './'}${dir}/${v.slice(prefix.length)}.yaml`;
    // Other local refs (responses, parameters) stay in the entry file.
    else out[k] = fromDir && v.startsWith('#') ? `../openapi.yaml${v}` : v;
  }
  return out;
}

/**
 * Splits a spec the way `redocly split` lays it out: each path item in `paths/`, each schema in `schemas/`, the
 * entry keeping a `$ref` to each, path files pointing at schema files directly.
 */
function splitIntoFiles(spec: JsonObject): Files {
  const isV2 = spec.swagger !== undefined;
  const section = isV2 ? 'definitions' : 'components/schemas';
  const schemas = ((isV2 ? spec.definitions : (spec.components as JsonObject | undefined)?.schemas) ?? {}) as JsonObject;
  const files: Files = new Map();
  const entry: JsonObject = { ...spec, paths: {} };
  let n = 0;
  for (const [path, item] of Object.entries(spec.paths as JsonObject)) {
    const name = `paths/item-${n++}.yaml`;
    files.set(name, toYaml(rewriteRefs(item, section, 'schemas', 'paths')));
    (entry.paths as JsonObject)[path] = { $ref: `./${name}` };
  }
  const mapped: JsonObject = {};
  for (const [name, schema] of Object.entries(schemas)) {
    files.set(`schemas/${name}.yaml`, toYaml(rewriteRefs(schema, section, 'schemas', 'schemas')));
    mapped[name] = { $ref: `./schemas/${name}.yaml` };
  }
  if (isV2) entry.definitions = mapped;
  else entry.components = { ...(spec.components as JsonObject), schemas: mapped };
  files.set('openapi.yaml', toYaml(rewriteRefs(entry, section, 'schemas', '')));
  return files;
}

describe.each(SPECS)('fingerprints of %s', (name) => {
  const text = readFileSync(resolve(corpus, name), 'utf8');
  const spec = readSpec(name);
  let baseline: Finding[];

  beforeAll(async () => {
    baseline = await lint(new Map([[name, text]]));
  });

  it('has findings to compare, each with its own fingerprint', () => {
    expect(baseline.length).toBeGreaterThan(2);
    expect(new Set(fingerprints(baseline)).size).toBe(baseline.length);
  });

  it('survive lines shifting', async () => {
    const shifted = `# a comment\n# and another\n\n${text.replace(/\n(paths:)/, '\n\n# moved down\n$1')}`;
    const findings = await lint(new Map([[name, shifted]]));
    expect(findings.map((f) => f.evidence[0].line)).not.toEqual(baseline.map((f) => f.evidence[0].line));
    expect(fingerprints(findings)).toEqual(fingerprints(baseline));
  });

  it('survive a conversion to JSON under another file name', async () => {
    expect(fingerprints(await lint(new Map([['api.json', JSON.stringify(spec, null, 1)]])))).toEqual(fingerprints(baseline));
  });

  it('survive every mapping having its keys in reverse order', async () => {
    expect(fingerprints(await lint(new Map([['openapi.yaml', toYaml(reverseKeys(spec))]])))).toEqual(fingerprints(baseline));
  });

  it('survive a split into one file per path item and per schema, joined by $ref', async () => {
    const files = splitIntoFiles(spec);
    expect(files.size).toBeGreaterThan(3);
    const findings = await lint(files, 'openapi.yaml');
    expect(findings.some((f) => f.evidence[0].file !== 'openapi.yaml')).toBe(true);
    expect(fingerprints(findings)).toEqual(fingerprints(baseline));
  });

  it('survive an unrelated operation being added: every old finding keeps its fingerprint', async () => {
    const added = structuredClone(spec);
    const path = '/zz-status';
    (added.paths as JsonObject)[path] = {
      get: { operationId: 'zzStatus', summary: 'Service status', responses: { '200': { description: 'up' } } },
    };
    const findings = await lint(new Map([[name, toYaml(added)]]));
    const now = new Set(fingerprints(findings));
    expect(fingerprints(baseline).filter((f) => !now.has(f))).toEqual([]);
    const before = new Set(fingerprints(baseline));
    for (const f of findings.filter((x) => !before.has(x.fingerprint))) expect(f.endpoint).toEqual({ method: 'GET', path });
  });

  it('change when a defect moves to another operation', async () => {
    // Findings of one operation (no `affected` list) follow its path; causes shared by many operations do not.
    const own = baseline.filter((f) => f.endpoint && !f.affected);
    expect(own.length).toBeGreaterThan(0);
    const path = own[0].endpoint!.path;
    const moved = structuredClone(spec);
    const paths = moved.paths as JsonObject;
    paths[`${path}/v2`] = paths[path];
    delete paths[path];
    const findings = await lint(new Map([[name, toYaml(moved)]]));
    const now = new Set(fingerprints(findings));
    const before = own.filter((f) => f.endpoint!.path === path);
    for (const f of before) expect(now.has(f.fingerprint)).toBe(false);
    const after = findings.filter((f) => f.endpoint?.path === `${path}/v2` && !f.affected);
    expect(after.map((f) => f.ruleId).sort()).toEqual(before.map((f) => f.ruleId).sort());
  });
});

describe('fingerprints of realworld-conduit-1.0.0.yml against a real fix', () => {
  it('drop the fixed defect only: POST /articles/{slug}/comments answering 201 instead of 200', async () => {
    const name = 'realworld-conduit-1.0.0.yml';
    const spec = readSpec(name);
    const baseline = await lint(new Map([[name, readFileSync(resolve(corpus, name), 'utf8')]]));
    const own = baseline.find((f) => f.ruleId === 'post-create-returns-200' && f.endpoint?.path === '/articles/{slug}/comments');
    expect(own).toBeDefined();
    const responses = (((spec.paths as JsonObject)['/articles/{slug}/comments'] as JsonObject).post as JsonObject).responses as JsonObject;
    responses['201'] = responses['200'];
    delete responses['200'];
    const now = new Set(fingerprints(await lint(new Map([[name, toYaml(spec)]]))));
    expect(now.has(own!.fingerprint)).toBe(false);
    expect(fingerprints(baseline).filter((f) => f !== own!.fingerprint && !now.has(f))).toEqual([]);
  });
});
