// Runs the compiled library (npm test builds dist/ first): the worker thread loads dist's scan-repository.worker.js.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const dist = resolve(__dirname, '../../dist/libs/code-scan/src/index.js');
const fixtures = resolve(__dirname, '../../libs/code-scan/src/__fixtures__');

describe('scanRepositoryInThread', () => {
  it('gives what scanRepository gives, while the calling thread keeps running its timers', async () => {
    expect(existsSync(dist)).toBe(true);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const codeScan = require(dist);
    expect(codeScan.canScanInThread()).toBe(true);
    const inline = codeScan.scanRepository(fixtures, { label: 'fixtures' });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      const threaded = await codeScan.scanRepositoryInThread(fixtures, { label: 'fixtures' });
      expect(threaded).toEqual(inline);
      expect(threaded.endpoints.length).toBeGreaterThan(50);
    } finally {
      clearInterval(timer);
    }
    // The scan takes a second or more here; a scan on this thread would have let no timer run until it ended.
    expect(ticks).toBeGreaterThan(3);
  });

  it('reports a scan that fails in the thread as a rejected promise', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const codeScan = require(dist);
    await expect(codeScan.scanRepositoryInThread(resolve(fixtures, 'no-such-folder'))).rejects.toThrow(/ENOENT|no such file/);
  });
});
