import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
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

  it("removes a dead launcher's profile and the socket folder it links to", async () => {
    const profile = leftProfile(dir, deadPid(), 'org.chromium.Chromium.abc123');
    expect((await reapOrphanedChromium(dir)).removed).toEqual([profile]);
    expect([existsSync(profile), existsSync(join(dir, 'org.chromium.Chromium.abc123'))]).toEqual([false, false]);
  });

  it('removes the socket folder a profile noted, when Chromium already dropped its link', async () => {
    const profile = leftProfile(dir, deadPid(), 'org.chromium.Chromium.noted1');
    noteSocketFolder(profile);
    rmSync(join(profile, 'SingletonSocket'));
    expect((await reapOrphanedChromium(dir)).removed).toEqual([profile]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("keeps a live launcher's profile and socket folder, and other programs' socket folders", async () => {
    const profile = leftProfile(dir, process.pid, 'org.chromium.Chromium.live01');
    mkdirSync(join(dir, 'org.chromium.Chromium.other1'));
    expect((await reapOrphanedChromium(dir)).removed).toEqual([]);
    expect([existsSync(profile), existsSync(join(dir, 'org.chromium.Chromium.live01')), existsSync(join(dir, 'org.chromium.Chromium.other1'))]).toEqual([true, true, true]);
  });

  describe('a browser still running for a dead launcher', () => {
    const browsers: ChildProcess[] = [];
    afterEach(() => browsers.splice(0).forEach((b) => b.kill('SIGKILL')));

    /** A stand-in for Chromium: a process naming the profile on its command line, running `script`. */
    async function browserFor(profile: string, script: string): Promise<ChildProcess> {
      const browser = spawn(process.execPath, ['-e', script, '--', `--user-data-dir=${profile}`], { stdio: 'ignore' });
      browsers.push(browser);
      await new Promise((resolve) => browser.once('spawn', resolve));
      return browser;
    }

    it('is let finish its own shutdown, which removes the socket folder its profile no longer links to', async () => {
      // Half-way through shutting down: the link is gone, the folder is not, and the browser removes it on its way out.
      const profile = leftProfile(dir, deadPid(), 'org.chromium.Chromium.going1');
      rmSync(join(profile, 'SingletonSocket'));
      const folder = join(dir, 'org.chromium.Chromium.going1');
      await browserFor(profile, `setTimeout(() => require('node:fs').rmSync(${JSON.stringify(folder)}, { recursive: true }), 300)`);
      expect(await reapOrphanedChromium(dir)).toEqual({ killed: [], removed: [profile] });
      expect(readdirSync(dir)).toEqual([]);
    });

    it('is killed when it outlives the grace, and its socket folder goes with the profile', async () => {
      const profile = leftProfile(dir, deadPid(), 'org.chromium.Chromium.stuck1');
      const browser = await browserFor(profile, 'setInterval(() => undefined, 1000)');
      const exited = new Promise((resolve) => browser.once('exit', (_code, signal) => resolve(signal)));
      expect(await reapOrphanedChromium(dir, 300)).toEqual({ killed: [browser.pid], removed: [profile] });
      expect(await exited).toBe('SIGKILL');
      expect(readdirSync(dir)).toEqual([]);
    });
  });
});
