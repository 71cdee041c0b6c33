import argon2 from 'argon2';
import { MIN_PASSWORD_LENGTH } from '@apiaudit/domain';

/** Longest password accepted: argon2 takes any length, but a megabyte "password" is a denial-of-service. */
export const MAX_PASSWORD_LENGTH = 512;

/**
 * argon2id at OWASP's password storage cheat sheet's first setting (19 MiB, 2 passes, 1 lane): the library's
 * default (64 MiB, 3 passes, 4 lanes) costs a small shared api host a core for a quarter second per sign-in.
 * Hashes carry their parameters, so raising these later still verifies old hashes.
 */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 });
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return argon2.verify(hash, password).catch(() => false);
}

/** Why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `the password must be at least ${MIN_PASSWORD_LENGTH} characters long`;
  if (password.length > MAX_PASSWORD_LENGTH) return `the password must be at most ${MAX_PASSWORD_LENGTH} characters long`;
  return null;
}
