import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { scanRepository, type CodeScanResult, type ScanOptions } from './scan-repository';

const WORKER_FILE = join(__dirname, 'scan-repository.worker.js');

/** Worker threads need the compiled worker; under a TypeScript test runner the scan runs in the caller's thread. */
export function canScanInThread(): boolean {
  return existsSync(WORKER_FILE);
}

/**
 * scanRepository in a worker thread, so the caller's event loop stays free while a large tree is parsed (seconds
 * of synchronous work): a BullMQ worker renews its job locks from that loop, and a job whose lock lapses is taken
 * over by another worker as if this one had died.
 */
export function scanRepositoryInThread(root: string, options: Omit<ScanOptions, 'isEnabled'> = {}): Promise<CodeScanResult> {
  if (!canScanInThread()) return Promise.resolve(scanRepository(root, options));
  return new Promise<CodeScanResult>((resolve, reject) => {
    const worker = new Worker(WORKER_FILE, { workerData: { root, options } });
    let settled = false;
    worker.once('message', (message: { result?: CodeScanResult; error?: { message: string } }) => {
      settled = true;
      if (message.result) resolve(message.result);
      else reject(new Error(message.error?.message ?? 'code scan failed'));
      void worker.terminate();
    });
    worker.once('error', (error) => {
      if (!settled) reject(error);
      settled = true;
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`code scan worker exited with code ${code}`));
    });
  });
}
