import type { CliIo } from './cli-command';

export interface Progress {
  update(label: string, done: number, total: number): void;
  finish(): void;
}

const WIDTH = 24;

/** A one-line bar on stderr, redrawn in place; silent when stderr is not a terminal (CI logs stay clean). */
export function createProgress(io: CliIo): Progress {
  if (!io.interactive) return { update() {}, finish() {} };
  let drawn = false;
  return {
    update(label, done, total) {
      const ratio = total > 0 ? Math.min(1, done / total) : 0;
      const filled = Math.round(ratio * WIDTH);
      const bar = `${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}`;
      io.stderr.write(`\r\x1b[2K${label.padEnd(8)} [${bar}] ${done}/${total}`);
      drawn = true;
    },
    finish() {
      if (drawn) io.stderr.write('\r\x1b[2K');
    },
  };
}
