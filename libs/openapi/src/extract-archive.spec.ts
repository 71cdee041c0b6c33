import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { buildApiModel, extractArchive, loadSpecFromFiles, SpecInputError } from './index';

const separate = resolve(__dirname, '../../../../shared/corpus/specs/oai-petstore-separate-2.0');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
}

async function tarOf(entries: Array<{ name: string; body?: string; type?: 'file' | 'symlink'; linkname?: string }>): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on('data', (c) => chunks.push(c as Buffer));
  const done = new Promise<void>((r) => archive.on('end', () => r()));
  for (const e of entries) {
    if (e.type === 'symlink') archive.entry({ name: e.name, type: 'symlink', linkname: e.linkname });
    else archive.entry({ name: e.name }, e.body ?? '');
  }
  archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

describe('extractArchive', () => {
  it('unpacks a multi-file spec from a tar.gz so it loads with its relative refs', async () => {
    const entries = walk(separate).map((file) => ({ name: relative(separate, file), body: readFileSync(file, 'utf8') }));
    const files = await extractArchive(gzipSync(await tarOf(entries)));
    expect(files.size).toBe(entries.length);
    const doc = await loadSpecFromFiles(files, 'spec/swagger.json');
    expect(buildApiModel(doc).operations).toHaveLength(4);
    expect(doc.problems).toEqual([]);
  });

  it('skips links and refuses entries that escape the archive', async () => {
    const withLink = await extractArchive(await tarOf([{ name: 'openapi.yaml', body: 'openapi: 3.0.0' }, { name: 'evil', type: 'symlink', linkname: '/etc/passwd' }]));
    expect([...withLink.keys()]).toEqual(['openapi.yaml']);
    await expect(extractArchive(await tarOf([{ name: '../../etc/cron.d/x', body: 'x' }]))).rejects.toThrow(/points outside the archive/);
  });

  it('enforces file and size limits', async () => {
    const many = await tarOf(Array.from({ length: 5 }, (_, i) => ({ name: `f${i}.yaml`, body: 'a: 1' })));
    await expect(extractArchive(many, { maxFiles: 3 })).rejects.toThrow(/more than 3 files/);
    await expect(extractArchive(await tarOf([{ name: 'big.yaml', body: 'x'.repeat(5000) }]), { maxBytes: 1000 })).rejects.toThrow(/more than 1000 bytes/);
  });

  it('rejects what is not an archive, or a damaged one', async () => {
    await expect(extractArchive(Buffer.from('openapi: 3.0.0'))).rejects.toBeInstanceOf(SpecInputError);
    await expect(extractArchive(Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from('garbage')]))).rejects.toThrow(SpecInputError);
    await expect(extractArchive(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).rejects.toThrow(/zip/);
  });
});
