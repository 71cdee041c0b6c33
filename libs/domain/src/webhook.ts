import { createHmac } from 'node:crypto';

/** The events a project's webhooks receive. */
export const WEBHOOK_EVENTS = ['audit.succeeded', 'audit.failed'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The header that carries a delivery's signature: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export const WEBHOOK_SIGNATURE_HEADER = 'X-Apiaudit-Signature';

/**
 * Signs a webhook body as Stripe-style receivers check it: HMAC-SHA256 over the timestamp, a dot and the exact body,
 * so a receiver can refuse a replay (a timestamp older than its tolerance) as well as a forgery.
 */
export function signWebhookBody(secret: string, body: string, timestampSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}
