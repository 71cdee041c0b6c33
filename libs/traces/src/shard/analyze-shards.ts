import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TraceAnalysisState } from '../trace-aggregate';
import { TraceInputError } from '../trace-input-error';
import { splitLineRanges } from './jsonl-shards';

export interface ShardTask {
  path: string;
  start: number;
  end: number;
  config: unknown;
  specPaths: string[];
  codePaths: string[];
}

const WORKER_FILE = join(__dirname, 'analyze-shard.worker.js');

/** Worker threads need the compiled worker; under a TypeScript test runner only the serial path exists. */
export function canAnalyzeInShards(): boolean {
  return existsSync(WORKER_FILE);
}

/**
 * Analyses an uncompressed OTLP JSON Lines file in `workers` threads, one byte range each, and returns their
 * states for merging. Traces whose lines straddle a cut are split in two (a few per cut): their spans are still
 * counted, a handful become orphans.
 */
export async function analyzeInShards(path: string, workers: number, config: unknown, specPaths: string[], codePaths: string[] = []): Promise<TraceAnalysisState[]> {
  const ranges = await splitLineRanges(path, workers);
  return Promise.all(
    ranges.map(
      (range) =>
        new Promise<TraceAnalysisState>((resolve, reject) => {
          const task: ShardTask = { path, ...range, config, specPaths, codePaths };
          const worker = new Worker(WORKER_FILE, { workerData: task });
          let settled = false;
          worker.once('message', (message: { state?: TraceAnalysisState; error?: { name: string; message: string } }) => {
            settled = true;
            if (message.state) resolve(message.state);
            else if (message.error?.name === 'TraceInputError') reject(Object.assign(new TraceInputError(''), { message: message.error.message }));
            else reject(new Error(message.error?.message ?? 'trace shard failed'));
            void worker.terminate();
          });
          worker.once('error', (error) => {
            if (!settled) reject(error);
          });
          worker.once('exit', (code) => {
            if (!settled) reject(new Error(`trace shard worker exited with code ${code}`));
          });
        }),
    ),
  );
}
