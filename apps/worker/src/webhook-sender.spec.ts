import { randomBytes } from 'node:crypto';
import { UnrecoverableError, type Queue } from 'bullmq';
import { sealToken, webhookSecretContext, type AuditRepository, type ComparisonRepository, type DeliveryAttempt, type PlatformConfig, type WebhookRepository } from '@apiaudit/db';
import { WebhookSender } from './webhook-sender';

const WEBHOOK = '11111111-1111-4111-8111-111111111111';
const DELIVERY = '22222222-2222-4222-8222-222222222222';

/** A delivery whose sealed secret this worker cannot open fails for good, says why in its log, and sends nothing. */
describe('WebhookSender with a secret it cannot open', () => {
  const sealedUnder = randomBytes(32);
  const attempts: Array<{ attempt: DeliveryAttempt; outcome?: string }> = [];
  const webhooks = {
    toSend: async () => ({ webhookId: WEBHOOK, url: 'http://127.0.0.1:9/never', secretSealed: sealToken('receiver-secret-0123456789', sealedUnder, webhookSecretContext(WEBHOOK)), event: 'audit.failed', payload: {}, status: 'pending' }),
    recordAttempt: async (_id: string, attempt: DeliveryAttempt, outcome?: string) => void attempts.push({ attempt, ...(outcome ? { outcome } : {}) }),
  } as unknown as WebhookRepository;
  const sender = (config: Partial<PlatformConfig>) => new WebhookSender({} as AuditRepository, {} as ComparisonRepository, webhooks, {} as Queue, config as PlatformConfig);

  beforeEach(() => {
    attempts.length = 0;
  });

  it.each([
    ['no key', {}, /APIAUDIT_TOKEN_KEY is not set on the worker/],
    ['another key', { tokenKey: randomBytes(32) }, /cannot be opened with this APIAUDIT_TOKEN_KEY/],
  ])('with %s', async (_name, config, reason) => {
    const fetched = jest.spyOn(globalThis, 'fetch');
    const error = await sender(config).deliver(DELIVERY, false).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect(fetched).not.toHaveBeenCalled();
    fetched.mockRestore();
    expect(attempts).toEqual([{ attempt: { at: expect.any(String), error: expect.stringMatching(reason), ms: 0 }, outcome: 'failed' }]);
  });
});
