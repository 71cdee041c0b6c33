import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { foldersOfDeadProcesses, pidFolderPrefix } from './process-folders';

/** A process id that has just exited, so nothing owns it. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('foldersOfDeadProcesses', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'apiaudit-host-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("names a dead process's folders and leaves live processes' and other prefixes' out", () => {
    const dead = mkdtempSync(join(dir, pidFolderPrefix('apiaudit-x.', deadPid())));
    mkdtempSync(join(dir, pidFolderPrefix('apiaudit-x.', process.pid)));
    mkdirSync(join(dir, `apiaudit-y-${deadPid()}-abc`));
    mkdirSync(join(dir, `apiaudit-xx${deadPid()}-abc`));
    expect(foldersOfDeadProcesses(dir, 'apiaudit-x.')).toEqual([dead]);
  });

  it('names nothing in a folder that does not exist', () => {
    expect(foldersOfDeadProcesses(join(dir, 'missing'), 'apiaudit-x.')).toEqual([]);
  });
});
