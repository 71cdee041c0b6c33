import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { TraceAssembler } from '../assemble/trace-assembler';
import { PathTemplates } from '../attribute/endpoint-attribution';
import { readLines } from '../read/line-reader';
import { readOtlpRequest } from '../read/otlp-json.reader';
import { TraceAggregate } from '../trace-aggregate';
import { TraceInputError } from '../trace-input-error';
import { resolveTraceConfig } from '../trace-config';
import type { ShardTask } from './analyze-shards';

/** Analyses one byte range of an OTLP JSON Lines file and sends back its mergeable state. */
async function analyzeShard(task: ShardTask): Promise<void> {
  const config = resolveTraceConfig(task.config);
  const aggregate = new TraceAggregate(config, new PathTemplates(task.specPaths, task.codePaths ?? []));
  const assembler = new TraceAssembler((spans) => aggregate.addTrace(spans), config.assembler);
  const bytes = createReadStream(task.path, { start: task.start, end: task.end - 1, highWaterMark: 1 << 20 });
  for await (const { text, offset } of readLines(bytes)) {
    if (text.trim() === '') continue;
    const where = { file: task.path, offset: task.start + offset };
    let request: unknown;
    try {
      request = JSON.parse(text);
    } catch (error) {
      throw new TraceInputError(`invalid JSON (${(error as Error).message})`, where);
    }
    for (const span of readOtlpRequest(request, where)) assembler.add(span);
  }
  assembler.finish();
  parentPort!.postMessage({ state: aggregate.toState() });
}

analyzeShard(workerData as ShardTask).catch((error: Error) => {
  parentPort!.postMessage({ error: { name: error.name, message: error.message } });
});
