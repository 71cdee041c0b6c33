import { PassThrough } from 'node:stream';
import { main } from './main';

/** Runs the CLI in-process with captured output, as a terminal-less caller would: for tests and scripts. */
export async function runCli(argv: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (c) => out.push(String(c)));
  stderr.on('data', (c) => err.push(String(c)));
  const code = await main(argv, { stdout, stderr, interactive: false, cwd: options.cwd, env: options.env ?? {} });
  return { code, stdout: out.join(''), stderr: err.join('') };
}
