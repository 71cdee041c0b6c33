import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildTarGz, buildZip, type ArchiveMember } from './__fixtures__/build-archives';
import { unpackArchive } from './unpack-archive';

const limits = { maxFiles: 100, maxBytes: 1024 * 1024 };

function listFiles(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name), root) : [relative(root, join(dir, e.name))]));
}

describe('unpackArchive', () => {
  let work: string;
  let checkout: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'unpack-'));
    checkout = join(work, 'checkout');
    mkdirSync(checkout);
    writeFileSync(join(work, 'secret.ts'), 'export const key = "outside";\n');
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  const repo: ArchiveMember[] = [
    { name: 'src/app.ts', body: 'export const app = 1;\n' },
    { name: 'src/routes/orders.ts', body: 'export const orders = [];\n' },
  ];

  it.each([
    ['tar.gz', () => buildTarGz(repo)],
    ['zip', async () => buildZip(repo)],
  ])('writes the regular files of a %s', async (_format, build) => {
    expect(await unpackArchive(await build(), checkout, { limits })).toBe(2);
    expect(listFiles(checkout).sort()).toEqual(['src/app.ts', 'src/routes/orders.ts']);
    expect(readFileSync(join(checkout, 'src/app.ts'), 'utf8')).toBe('export const app = 1;\n');
  });

  it('drops the wrapper folder of a GitHub tarball when asked', async () => {
    const tarball = await buildTarGz(repo.map((m) => ({ ...m, name: `acme-shop-4f8a1c2/${m.name}` })));
    await unpackArchive(tarball, checkout, { limits, stripFirstSegment: true });
    expect(listFiles(checkout).sort()).toEqual(['src/app.ts', 'src/routes/orders.ts']);
  });

  it.each([
    ['tar.gz', '../secret.ts', (m: ArchiveMember[]) => buildTarGz(m)],
    ['tar.gz', '/etc/cron.d/evil', (m: ArchiveMember[]) => buildTarGz(m)],
    ['zip', '../../secret.ts', async (m: ArchiveMember[]) => buildZip(m)],
    ['zip', 'src/../../secret.ts', async (m: ArchiveMember[]) => buildZip(m)],
    ['zip', 'C:/Windows/evil.ts', async (m: ArchiveMember[]) => buildZip(m)],
  ])('refuses a %s entry named %s and writes nothing outside', async (_format, name, build) => {
    const archive = await build([...repo, { name, body: 'overwritten' }]);
    await expect(unpackArchive(archive, checkout, { limits })).rejects.toMatchObject({ reason: 'unsafe', message: `archive entry '${name}' points outside the archive` });
    expect(readFileSync(join(work, 'secret.ts'), 'utf8')).toBe('export const key = "outside";\n');
  });

  it.each([
    ['tar.gz', (m: ArchiveMember[]) => buildTarGz(m)],
    ['zip', async (m: ArchiveMember[]) => buildZip(m)],
  ])('creates no link from a %s, so nothing outside can be read through one', async (_format, build) => {
    const archive = await build([...repo, { name: 'src/leak.ts', body: join(work, 'secret.ts'), type: 'symlink' }, { name: 'src/up', body: '..', type: 'symlink' }]);
    await unpackArchive(archive, checkout, { limits });
    expect(listFiles(checkout).sort()).toEqual(['src/app.ts', 'src/routes/orders.ts']);
    expect(existsSync(join(checkout, 'src/leak.ts'))).toBe(false);
    for (const file of listFiles(checkout)) expect(lstatSync(join(checkout, file)).isSymbolicLink()).toBe(false);
  });

  it('stops a zip bomb at the byte limit, counting inflated bytes rather than declared sizes', async () => {
    const zeros = Buffer.alloc(8 * 1024 * 1024);
    const honest = buildZip([{ name: 'zeros.bin', body: zeros }]);
    expect(honest.length).toBeLessThan(20 * 1024);
    await expect(unpackArchive(honest, checkout, { limits })).rejects.toMatchObject({ reason: 'limit', message: `archive expands to more than ${limits.maxBytes} bytes` });
    const lying = buildZip([{ name: 'zeros.bin', body: zeros, declaredSize: 10 }]);
    await expect(unpackArchive(lying, mkdtempSync(join(work, 'lying-')), { limits: { ...limits, maxBytes: 64 * 1024 * 1024 } })).rejects.toMatchObject({ reason: 'damaged' });
    const tarBomb = await buildTarGz([{ name: 'zeros.bin', body: zeros }]);
    await expect(unpackArchive(tarBomb, mkdtempSync(join(work, 'tar-')), { limits })).rejects.toMatchObject({ reason: 'limit' });
  });

  it('stops at the file limit', async () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ name: `f${i}.ts`, body: 'x' }));
    await expect(unpackArchive(buildZip(many), checkout, { limits: { ...limits, maxFiles: 4 } })).rejects.toMatchObject({ reason: 'limit', message: 'archive holds more than 4 files' });
  });

  it('names what is not an archive', async () => {
    await expect(unpackArchive(Buffer.from('hello'), checkout, { limits })).rejects.toMatchObject({ reason: 'damaged', message: 'not a zip, tar or tar.gz archive' });
    const zip = buildZip(repo);
    await expect(unpackArchive(zip.subarray(0, zip.length - 30), checkout, { limits })).rejects.toMatchObject({ reason: 'damaged' });
  });
});
