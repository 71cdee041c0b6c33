import { parentPort, workerData } from 'node:worker_threads';
import { scanRepository, type ScanOptions } from './scan-repository';

/** Scans one tree in a worker thread and sends back the result (see scanRepositoryInThread). */
const task = workerData as { root: string; options: Omit<ScanOptions, 'isEnabled'> };
try {
  parentPort!.postMessage({ result: scanRepository(task.root, task.options) });
} catch (error) {
  parentPort!.postMessage({ error: { message: (error as Error).message ?? String(error) } });
}
