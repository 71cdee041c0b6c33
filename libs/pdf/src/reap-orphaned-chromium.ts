import { readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { foldersOfDeadProcesses, pidFolderPrefix } from '@apiaudit/host';

const PROFILE_PREFIX = 'apiaudit-chromium-';

/** Temp profile folders are named after the process that launched the browser: `apiaudit-chromium-<pid>-XXXXXX`. */
export function profilePrefix(pid: number = process.pid): string {
  return pidFolderPrefix(PROFILE_PREFIX, pid);
}

/** Processes whose command line mentions `needle`, from /proc (Linux); none elsewhere. */
function processesMentioning(needle: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'latin1').includes(needle)) pids.push(Number(entry));
    } catch {
      /* gone meanwhile, or not ours to read */
    }
  }
  return pids;
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
 * Removes a profile and Chromium's socket folder. Chromium removes that folder when it is closed, not when it exits
 * because its pipe closed (a killed worker), nor always when a close is cut short, so renders used to leave them behind.
 */
export function removeProfileFolder(profile: string): void {
  const socketFolder = socketFolderOf(profile);
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
 * Kills Chromium processes and removes temp profiles left by renderers that died (SIGKILL, OOM) before closing
 * their browser. Only profiles whose launching process no longer exists are touched, so workers sharing a host
 * never reap each other's live browsers. Run when a worker starts.
 */
export function reapOrphanedChromium(dir: string = tmpdir()): ReapReport {
  const report: ReapReport = { killed: [], removed: [] };
  for (const profile of foldersOfDeadProcesses(dir, PROFILE_PREFIX)) {
    for (const pid of processesMentioning(`--user-data-dir=${profile}`)) {
      try {
        process.kill(pid, 'SIGKILL');
        report.killed.push(pid);
      } catch {
        /* exited meanwhile */
      }
    }
    removeProfileFolder(profile);
    report.removed.push(profile);
  }
  return report;
}
