import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';

/** One archive member as tests write it: a file, a symbolic link to `body`, or a directory (`body` unused). */
export interface ArchiveMember {
  name: string;
  body: string | Buffer;
  type?: 'file' | 'symlink' | 'directory';
}

/** A plain (uncompressed) tarball of the members, names written as given (hostile ones included). */
export async function buildTar(members: ArchiveMember[]): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on('data', (chunk) => chunks.push(chunk as Buffer));
  const done = new Promise<void>((resolve) => archive.on('end', () => resolve()));
  for (const member of members) {
    if (member.type === 'symlink') archive.entry({ name: member.name, type: 'symlink', linkname: String(member.body) });
    else if (member.type === 'directory') archive.entry({ name: member.name, type: 'directory' });
    else archive.entry({ name: member.name }, member.body);
  }
  archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** A gzipped tarball of the members, names written as given (hostile ones included). */
export async function buildTarGz(members: ArchiveMember[]): Promise<Buffer> {
  return gzipSync(await buildTar(members));
}

/** Every file under `root` as archive members, named by their path relative to it. */
export function membersOf(root: string, prefix = ''): ArchiveMember[] {
  return readdirSync(root, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return membersOf(join(root, entry.name), `${prefix}${entry.name}/`);
    return entry.isFile() ? [{ name: `${prefix}${entry.name}`, body: readFileSync(join(root, entry.name)) }] : [];
  });
}

/**
 * A zip written by hand (no zip writer among our dependencies), deflated, with Unix modes so a member can be a
 * symbolic link. `declaredSize` lets a test lie about an entry's inflated size, as zip bombs do.
 */
export function buildZip(members: Array<ArchiveMember & { declaredSize?: number }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const member of members) {
    const name = Buffer.from(member.name, 'utf8');
    const body = Buffer.isBuffer(member.body) ? member.body : Buffer.from(member.body, 'utf8');
    const deflated = deflateRawSync(body);
    const crc = crc32(body);
    const size = member.declaredSize ?? body.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, deflated);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x0314, 4); // made by Unix
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(deflated.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    const mode = member.type === 'symlink' ? 0o120777 : 0o100644;
    central.writeUInt32LE((mode << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
