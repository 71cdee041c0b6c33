import { hostname } from 'node:os';
import type { Redis } from 'ioredis';

/**
 * Worker presence, written by the workers themselves. BullMQ's getWorkers() lists the connections that named
 * themselves on the queue, across prefixes only by client name, and keeps a killed worker until Redis drops its
 * idle connection; a key per worker with a TTL under our own prefix is exact and expires on its own.
 */
export interface WorkerBeat {
  host: string;
  pid: number;
  startedAt: string;
  seenAt: string;
}

export interface WorkerPresence {
  /** Workers whose heartbeat has not expired. */
  alive: number;
  /** The newest heartbeat of any worker under this prefix, even one that has since gone; null when none ever beat. */
  lastHeartbeat: string | null;
  workers: WorkerBeat[];
}

/** A heartbeat lives three intervals: one missed beat on a loaded machine does not make a worker vanish. */
export const heartbeatTtlMs = (everyMs: number) => everyMs * 3;

const workerKeyPattern = (prefix: string) => `${prefix}:workers:*`;
const workerKey = (prefix: string, host: string, pid: number) => `${prefix}:workers:${host}:${pid}`;
const lastBeatKey = (prefix: string) => `${prefix}:worker-last-heartbeat`;

/** Beats now and every `everyMs` until stopped; stop() removes this worker's key so a graceful exit is seen at once. */
export function startWorkerHeartbeat(redis: Redis, prefix: string, everyMs: number, now: () => Date = () => new Date()): { stop(): Promise<void>; beat(): Promise<void> } {
  const host = hostname();
  const key = workerKey(prefix, host, process.pid);
  const startedAt = now().toISOString();
  const beat = async () => {
    const seenAt = now().toISOString();
    const value: WorkerBeat = { host, pid: process.pid, startedAt, seenAt };
    await redis.multi().set(key, JSON.stringify(value), 'PX', heartbeatTtlMs(everyMs)).set(lastBeatKey(prefix), seenAt).exec();
  };
  // A beat that fails (Redis away for a moment) is only a missed beat: the next one tries again.
  const tick = () => void beat().catch(() => undefined);
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    beat,
    async stop() {
      clearInterval(timer);
      await redis.del(key).catch(() => undefined);
    },
  };
}

/** Live workers under `prefix` (keys that have not expired) and the last heartbeat ever seen. */
export async function readWorkerPresence(redis: Redis, prefix: string): Promise<WorkerPresence> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', workerKeyPattern(prefix), 'COUNT', 200);
    cursor = next;
    keys.push(...found);
  } while (cursor !== '0');
  const values = keys.length ? await redis.mget(...keys) : [];
  const workers = values.flatMap((v) => {
    if (v === null) return []; // expired between SCAN and MGET
    try {
      return [JSON.parse(v) as WorkerBeat];
    } catch {
      return [];
    }
  });
  workers.sort((a, b) => (a.host === b.host ? a.pid - b.pid : a.host < b.host ? -1 : 1));
  return { alive: workers.length, lastHeartbeat: await redis.get(lastBeatKey(prefix)), workers };
}
