import type { Writable } from 'node:stream';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  /** True when stderr is a terminal: only then are progress bars drawn. */
  interactive: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** One `apiaudit <name>` subcommand. `run` returns the exit code: 0 ok, 1 gate failed, 2 usage or input error. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

/** Bad arguments or unusable input: printed as one line on stderr, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const EXIT_OK = 0;
export const EXIT_GATE_FAILED = 1;
export const EXIT_USAGE = 2;
