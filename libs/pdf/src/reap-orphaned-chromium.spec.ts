import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { noteSocketFolder, profilePrefix, reapOrphanedChromium } from './reap-orphaned-chromium';

/** A process id that has just exited, so nothing owns it. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

/** A profile as a killed Chromium leaves it: its SingletonSocket links into a socket folder of the temp dir. */
function leftProfile(dir: string, pid: number, socketFolder: string): string {
  const profile = mkdtempSync(join(dir, profilePrefix(pid)));
  mkdirSync(join(dir, socketFolder));
  symlinkSync(join(dir, socketFolder, 'SingletonSocket'), join(profile, 'SingletonSocket'));
  return profile;
}

describe('reapOrphanedChromium', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'apiaudit-reap-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("removes a dead launcher's profile and the socket folder it links to", () => {
    const profile = leftProfile(dir, deadPid(), 'org.chromium.Chromium.abc123');
    expect(reapOrphanedChromium(dir).removed).toEqual([profile]);
    expect([existsSync(profile), existsSync(join(dir, 'org.chromium.Chromium.abc123'))]).toEqual([false, false]);
  });

  it('removes the socket folder a profile noted, when Chromium already dropped its link', () => {
    const profile = leftProfile(dir, deadPid(), 'org.chromium.Chromium.noted1');
    noteSocketFolder(profile);
    rmSync(join(profile, 'SingletonSocket'));
    expect(reapOrphanedChromium(dir).removed).toEqual([profile]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("keeps a live launcher's profile and socket folder, and other programs' socket folders", () => {
    const profile = leftProfile(dir, process.pid, 'org.chromium.Chromium.live01');
    mkdirSync(join(dir, 'org.chromium.Chromium.other1'));
    expect(reapOrphanedChromium(dir).removed).toEqual([]);
    expect([existsSync(profile), existsSync(join(dir, 'org.chromium.Chromium.live01')), existsSync(join(dir, 'org.chromium.Chromium.other1'))]).toEqual([true, true, true]);
  });
});
