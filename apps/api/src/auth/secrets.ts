import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: session ids, API tokens and invitation tokens. */
export function newSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/**
 * What is stored of a secret. A plain SHA-256 suffices here (unlike passwords): the input has 256 bits of
 * entropy, so there is nothing to guess, and the hash can be looked up directly.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
