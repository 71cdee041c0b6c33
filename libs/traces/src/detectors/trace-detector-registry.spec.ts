import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { traceDetectorMetas, traceDetectors } from './trace-detector-registry';
import { DEFAULT_DETECTOR_SETTINGS } from '../trace-config';

describe('trace detector registry', () => {
  it('has unique ids, each in a file of its own name with a spec beside it', () => {
    const ids = traceDetectorMetas.map((meta) => meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(existsSync(join(__dirname, `${id}.ts`))).toBe(true);
      expect(existsSync(join(__dirname, `${id}.spec.ts`))).toBe(true);
    }
  });

  it('declares every detector as a trace rule with rationale, fix and default settings', () => {
    for (const detector of traceDetectors) {
      expect(detector.meta).toMatchObject({ source: 'trace', id: expect.stringMatching(/^trace-[a-z0-9-]+$/) });
      expect(detector.meta.rationale.length).toBeGreaterThan(40);
      expect(detector.meta.fix.length).toBeGreaterThan(20);
      expect(DEFAULT_DETECTOR_SETTINGS[detector.meta.id]).toBeDefined();
    }
  });
});
