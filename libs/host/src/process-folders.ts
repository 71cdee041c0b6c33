import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive } from './processes';

/** The `mkdtemp` prefix of a folder named after the process that makes it: `<prefix><pid>-XXXXXX`. */
export function pidFolderPrefix(prefix: string, pid: number = process.pid): string {
  return `${prefix}${pid}-`;
}

/**
 * The folders in `dir` named `<prefix><pid>-…` whose process is gone (killed, OOM: its cleanup never ran). Folders of
 * live processes on this host are left out, so workers sharing a host never take each other's.
 */
export function foldersOfDeadProcesses(dir: string, prefix: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const owner = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\d+)-`);
  return names.flatMap((name) => {
    const match = owner.exec(name);
    return match && !isProcessAlive(Number(match[1])) ? [join(dir, name)] : [];
  });
}
