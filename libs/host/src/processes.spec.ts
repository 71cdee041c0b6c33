import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { isProcessAlive, processesMentioning } from './processes';

describe('isProcessAlive', () => {
  it('is true of this process and false of one that exited', () => {
    const exited = spawnSync(process.execPath, ['-e', '0']).pid!;
    expect([isProcessAlive(process.pid), isProcessAlive(exited)]).toEqual([true, false]);
  });
});

describe('processesMentioning', () => {
  it('finds a running process by a word of its command line, and not once it has exited', async () => {
    const mark = `--apiaudit-mark=${randomUUID()}`;
    const child = spawn(process.execPath, ['-e', 'setInterval(() => undefined, 1000)', '--', mark], { stdio: 'ignore' });
    await new Promise((resolve) => child.once('spawn', resolve));
    expect(processesMentioning(mark)).toEqual([child.pid]);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(processesMentioning(mark)).toEqual([]);
  });
});
