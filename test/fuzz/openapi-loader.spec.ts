import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { crc32, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { buildApiModel, extractArchive, loadSpecFromFiles, SpecInputError } from '@apiaudit/openapi';
import { lintSpec } from '@apiaudit/rules';
import { buildTar } from '../../libs/github/src/__fixtures__/build-archives';
import { fuzzParameters, mutatedArb, unexpected } from './mutations';

const corpus = resolve(__dirname, '../../../shared/corpus/specs');
const seeds = [
  { name: 'openapi.yaml', bytes: readFileSync(resolve(__dirname, '../../examples/shop/openapi.yaml')) },
  { name: 'petstore.yaml', bytes: readFileSync(join(corpus, 'oai-petstore-expanded-3.0.yaml')) },
  { name: 'petstore-2.0.yaml', bytes: readFileSync(join(corpus, 'oai-petstore-2.0.yaml')) },
  { name: 'webhooks.json', bytes: readFileSync(join(corpus, 'oai-webhook-example-3.1.json')) },
];

/**
 * Random and mutated YAML/JSON descriptions through the loader, the model and every spec rule: each ends in a
 * model and findings or a SpecInputError (the loader's typed refusal, with file, line and column), never another
 * exception, a stack overflow or a hang (a run over 10 s fails).
 */
describe('fuzz: the OpenAPI loader, model and rules', () => {
  jest.setTimeout(120_000);

  async function auditOrRefuse(files: Map<string, Buffer | string>, entry?: string): Promise<unknown> {
    try {
      const doc = await loadSpecFromFiles(files, entry);
      lintSpec(buildApiModel(doc));
      return undefined;
    } catch (error) {
      return unexpected(error, [SpecInputError]);
    }
  }

  it('loads or refuses mutated specs', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedArb(seeds), async ({ name, bytes }) => {
        expect(await auditOrRefuse(new Map([[name, bytes]]))).toBeUndefined();
      }),
      fuzzParameters(300),
    );
  });

  it('loads or refuses random JSON values as specs, with and without an openapi header', async () => {
    const head = { openapi: '3.0.3', info: { title: 'Fuzz', version: '1' } };
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), fc.boolean(), async (value, withHead) => {
        const doc = withHead && value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...head, ...value } : value;
        expect(await auditOrRefuse(new Map([['fuzz.json', JSON.stringify(doc) ?? 'null']]))).toBeUndefined();
      }),
      fuzzParameters(150),
    );
  });

  it('loads or refuses multi-file specs whose $refs point anywhere', async () => {
    const target = fc.constantFrom('#/components/schemas/A', '#/components/schemas/B', 'other.yaml#/A', 'other.yaml', '../escape.yaml#/x', '#/paths', '#', '#/components/schemas/A/properties/next', 'missing.yaml#/x', 'https://example.invalid/x.yaml');
    await fc.assert(
      fc.asyncProperty(fc.array(target, { minLength: 1, maxLength: 6 }), async (refs) => {
        const [first, ...rest] = refs;
        const main = `openapi: 3.0.3\ninfo: {title: Refs, version: "1"}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '${first}'}\ncomponents:\n  schemas:\n    A: {type: object, properties: {next: {$ref: '${rest[0] ?? first}'}}}\n    B: {allOf: [{$ref: '${rest[1] ?? first}'}]}\n`;
        const other = `A: {$ref: '${rest[2] ?? '#/A'}'}\nB: {type: string}\n`;
        expect(await auditOrRefuse(new Map([['openapi.yaml', main], ['other.yaml', other]]), 'openapi.yaml')).toBeUndefined();
      }),
      fuzzParameters(100),
    );
  });

  it('extracts or refuses mutated zip, tar and tar.gz archives', async () => {
    const entries = { 'api/openapi.yaml': seeds[0]!.bytes, 'api/common.yaml': Buffer.from('A: {type: string}\n') };
    const tar = await buildTar(Object.entries(entries).map(([name, body]) => ({ name, body })));
    // Mutating the tar before compressing reaches the tar reader; mutating compressed bytes mostly tests gunzip.
    const archives = fc.oneof(
      mutatedArb([{ name: 'apis.tar', bytes: tar }, { name: 'apis.zip', bytes: storedZip(entries) }, { name: 'apis.tar.gz', bytes: gzipSync(tar) }]),
      mutatedArb([{ name: 'apis.tar.gz', bytes: tar }]).map((m) => ({ ...m, bytes: gzipSync(m.bytes) })),
    );
    let extracted = 0;
    await fc.assert(
      fc.asyncProperty(archives, async ({ bytes }) => {
        let files: Map<string, Buffer>;
        try {
          files = await extractArchive(bytes);
        } catch (error) {
          expect(unexpected(error, [SpecInputError])).toBeUndefined();
          return;
        }
        extracted++;
        expect(await auditOrRefuse(files, files.has('api/openapi.yaml') ? 'api/openapi.yaml' : undefined)).toBeUndefined();
      }),
      fuzzParameters(150),
    );
    // The runs reached the loader, not only the archive readers' refusals.
    expect(extracted).toBeGreaterThan(10);
  });
});

/** A zip of stored (uncompressed) entries, written by hand: no zip writer is a dependency. */
function storedZip(entries: Record<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, body] of Object.entries(entries)) {
    const fileName = Buffer.from(name);
    const crc = crc32(body);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(body.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(body.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, body);
    centrals.push(central, fileName);
    offset += 30 + fileName.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
