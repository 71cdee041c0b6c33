import { Logger } from '@nestjs/common';
import type { PlatformConfig, WorkerFault } from '@apiaudit/db';

/**
 * APIAUDIT_WORKER_FAULT (tests only): the whole process freezes here, as a crashed one would (no lock renewal,
 * no heartbeat, no other job taken), until the test kills it.
 */
export function freezeIfFaultAt(config: Pick<PlatformConfig, 'workerFault'>, job: string, at: WorkerFault['at'], what: string): void {
  const fault = config.workerFault;
  if (!fault || fault.job !== job || fault.at !== at) return;
  new Logger('fault-injection').warn(`fault injection: pid ${process.pid} froze in ${job} ${what} ${at} its work`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}
