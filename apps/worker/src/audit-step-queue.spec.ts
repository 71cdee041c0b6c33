import type { Queue } from 'bullmq';
import { AuditStepQueue } from './audit-step-queue';

const AUDIT = '00000000-0000-4000-8000-0000000000c1';

describe('AuditStepQueue', () => {
  it('asks for each step and for the webhook notice under one job id per audit, so asking twice is a no-op', async () => {
    const added: Array<[string, unknown, { jobId?: string; attempts?: number }]> = [];
    const queue = new AuditStepQueue({ add: async (...args: (typeof added)[number]) => void added.push(args) } as unknown as Queue);
    await queue.enqueue('analyze', AUDIT);
    await queue.notifyWebhooks(AUDIT);
    expect(added.map(([name, data, { jobId, attempts }]) => [name, data, jobId, attempts])).toEqual([
      ['analyze', { auditId: AUDIT }, `${AUDIT}-analyze`, 3],
      ['notify-webhooks', { auditId: AUDIT }, `${AUDIT}-notify`, 3],
    ]);
  });
});
