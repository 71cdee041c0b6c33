import { randomBytes } from 'node:crypto';
import { openToken, parseTokenKey, sealToken } from './token-seal';

describe('sealed GitHub tokens', () => {
  const key = randomBytes(32);

  it('opens what it sealed, and the sealed bytes do not hold the token', () => {
    const sealed = sealToken('ghp_exampletoken123', key, 'project-1:acme/shop');
    expect(sealed.toString('latin1')).not.toContain('ghp_exampletoken123');
    expect(openToken(sealed, key, 'project-1:acme/shop')).toBe('ghp_exampletoken123');
    expect(sealToken('ghp_exampletoken123', key, 'project-1:acme/shop').equals(sealed)).toBe(false);
  });

  it('refuses another key, another context and altered bytes', () => {
    const sealed = sealToken('ghp_x', key, 'p:acme/shop');
    expect(() => openToken(sealed, randomBytes(32), 'p:acme/shop')).toThrow();
    expect(() => openToken(sealed, key, 'q:acme/shop')).toThrow();
    const altered = Buffer.from(sealed);
    altered[altered.length - 1] ^= 1;
    expect(() => openToken(altered, key, 'p:acme/shop')).toThrow();
  });

  it('reads a key as 64 hex digits or base64 of 32 bytes, and nothing shorter', () => {
    expect(parseTokenKey('ab'.repeat(32))?.length).toBe(32);
    expect(parseTokenKey(key.toString('base64'))?.equals(key)).toBe(true);
    expect(parseTokenKey('secret')).toBeUndefined();
    expect(parseTokenKey(randomBytes(16).toString('base64'))).toBeUndefined();
  });
});
