import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Layout of a sealed token: version byte, 12-byte nonce, 16-byte GCM tag, ciphertext. */
const VERSION = 1;

/**
 * Seals a token for storage with AES-256-GCM. `context` (the project and repository it belongs to) is bound as
 * associated data, so a sealed token copied onto another row does not open there.
 */
export function sealToken(token: string, key: Buffer, context: string): Buffer {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), nonce, cipher.getAuthTag(), ciphertext]);
}

/** Opens a sealed token; throws when the key, the context or the bytes are not the ones it was sealed with. */
export function openToken(sealed: Buffer, key: Buffer, context: string): string {
  if (sealed.length < 29 || sealed[0] !== VERSION) throw new Error('sealed token has an unknown layout');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(sealed.subarray(13, 29));
  return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
}

/** A 256-bit key from its text: 64 hex digits or 44 characters of base64; undefined for anything else. */
export function parseTokenKey(text: string): Buffer | undefined {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/]{43}=$/.test(value)) return Buffer.from(value, 'base64');
  return undefined;
}

/** What a repository source's token is sealed against: its project and repository. */
export function tokenContext(projectId: string, repository: string): string {
  return `${projectId}:${repository}`;
}

/** What an outbound webhook's signing secret is sealed against: the webhook (no `owner/name` has no slash, so no token's context is one). */
export function webhookSecretContext(webhookId: string): string {
  return `webhook:${webhookId}`;
}

/** What a project's GitHub push webhook secret is sealed against: the project. */
export function githubWebhookSecretContext(projectId: string): string {
  return `github-webhook:${projectId}`;
}
