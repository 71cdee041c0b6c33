import { UnrecoverableError } from 'bullmq';
import type { AuditRepository, ComparisonRepository } from '@apiaudit/db';
import type { AuditStepQueue } from './audit-step-queue';
import type { PlanPrinter } from './plan-printer';
import { PlanSteps } from './plan-steps.service';

const AUDIT = '00000000-0000-4000-8000-0000000000b1';

/** The edges in memory, each call noted in order: the audit's stored files, one earlier audit to compare with, no Chromium. */
function planWith({ rendered = true, compared = false } = {}) {
  const calls: string[] = [];
  const audits = {
    artifactInfo: async (_id: string, kind: string) => (kind === 'plan.html' && rendered ? { planVersion: 1 } : null),
    recordProgress: async () => void calls.push('progress'),
    markSucceeded: async () => void calls.push('succeeded'),
  } as unknown as AuditRepository;
  const comparison = { regressed: [], new: [], resolved: [] };
  const comparisons = {
    previousSucceeded: async () => 'baseline',
    find: async () => (compared ? comparison : null),
    inputs: async () => ({ baseline: { findings: [], scores: { overall: 50, byCategory: {} }, inventory: [] }, current: { findings: [], scores: { overall: 60, byCategory: {} }, inventory: [] }, earlier: [] }),
    save: async () => void calls.push('comparison saved'),
  } as unknown as ComparisonRepository;
  const printer = { available: false } as PlanPrinter;
  const queue = { notifyWebhooks: async () => void calls.push('webhooks') } as unknown as AuditStepQueue;
  return { steps: new PlanSteps(audits, comparisons, printer, queue), calls };
}

describe('PlanSteps.plan', () => {
  it('stores the comparison before the audit shows as succeeded, then asks for the webhooks', async () => {
    const { steps, calls } = planWith();
    await steps.plan(AUDIT);
    expect(calls).toEqual(['progress', 'comparison saved', 'succeeded', 'webhooks']);
  });

  it('run again after a crash, stores the comparison once', async () => {
    const { steps, calls } = planWith({ compared: true });
    await steps.plan(AUDIT);
    expect(calls).toEqual(['progress', 'succeeded', 'webhooks']);
  });

  it('fails for good when the analyze step rendered no plan', async () => {
    const { steps, calls } = planWith({ rendered: false });
    await expect(steps.plan(AUDIT)).rejects.toThrow(UnrecoverableError);
    expect(calls).toEqual([]);
  });
});
