import { readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { foldersOfDeadProcesses, pidFolderPrefix, processesMentioning } from '@apiaudit/host';

const PROFILE_PREFIX = 'apiaudit-chromium-';

/** Temp profile folders are named after the process that launched the browser: `apiaudit-chromium-<pid>-XXXXXX`. */
export function profilePrefix(pid: number = process.pid): string {
  return pidFolderPrefix(PROFILE_PREFIX, pid);
}

/** Where a profile notes its socket folder: Chromium may drop the SingletonSocket link on its way out, not the folder. */
const SOCKET_FOLDER_NOTE = 'apiaudit-socket-folder';

/**
 * Notes, in the profile, the folder Chromium keeps its process-singleton socket in (`$TMPDIR/org.chromium.Chromium.*`,
 * linked from the profile's SingletonSocket). Called right after launch, while the link is sure to exist.
 */
export function noteSocketFolder(profile: string): void {
  try {
    writeFileSync(join(profile, SOCKET_FOLDER_NOTE), dirname(readlinkSync(join(profile, 'SingletonSocket'))));
  } catch {
    /* no link: nothing to clean up later */
  }
}

function socketFolderOf(profile: string): string | undefined {
  try {
    return readFileSync(join(profile, SOCKET_FOLDER_NOTE), 'utf8');
  } catch {
    try {
      return dirname(readlinkSync(join(profile, 'SingletonSocket')));
    } catch {
      return undefined;
    }
  }
}

/**
 * Removes a profile and Chromium's socket folder. Chromium removes that folder last when it shuts down, so one killed
 * before the end of its shutdown (a close cut short, an orphan reaped) leaves it behind.
 */
export function removeProfileFolder(profile: string, socketFolder: string | undefined = socketFolderOf(profile)): void {
  if (socketFolder && basename(socketFolder).startsWith('org.chromium.Chromium.')) rmSync(socketFolder, { recursive: true, force: true });
  // A Chromium that was just killed may still be writing into its profile (ENOTEMPTY while it is removed).
  rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
}

export interface ReapReport {
  /** Browser processes killed because the process that launched them is gone. */
  killed: number[];
  /** Profile folders removed. */
  removed: string[];
}

/**
 * How long an orphaned Chromium gets to exit by itself. Its pipe closed with its launcher, so it is already shutting
 * down: it unlinks SingletonSocket from the profile first and removes the socket folder last, so killing it in
 * between would leave a folder nothing points to any more.
 */
const EXIT_GRACE_MS = 5000;

/**
 * Kills Chromium processes and removes temp profiles left by renderers that died (SIGKILL, OOM) before closing
 * their browser. Only profiles whose launching process no longer exists are touched, so workers sharing a host
 * never reap each other's live browsers. Run when a worker starts.
 */
export async function reapOrphanedChromium(dir: string = tmpdir(), graceMs: number = EXIT_GRACE_MS): Promise<ReapReport> {
  const profiles = foldersOfDeadProcesses(dir, PROFILE_PREFIX);
  // Read before any browser goes, while a link may still say where its socket folder is.
  const socketFolders = new Map(profiles.map((profile) => [profile, socketFolderOf(profile)]));
  const browsersOf = () => profiles.flatMap((profile) => processesMentioning(`--user-data-dir=${profile}`));
  for (const deadline = Date.now() + graceMs; Date.now() < deadline && browsersOf().length > 0; ) await sleep(100);
  const killed: number[] = [];
  for (const pid of browsersOf()) {
    try {
      process.kill(pid, 'SIGKILL');
      killed.push(pid);
    } catch {
      /* exited meanwhile */
    }
  }
  for (const profile of profiles) removeProfileFolder(profile, socketFolders.get(profile));
  return { killed, removed: profiles };
}
