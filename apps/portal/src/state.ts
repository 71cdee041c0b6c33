// Who is signed in, and what the current screen must stop when the user leaves it.
import { ApiError, get, type User } from './api';

let user: User | null | undefined;

/** Screens that outlive navigation (a live progress stream) register their cleanup here. */
export const leaving: Array<() => void> = [];

export async function currentUser(): Promise<User | null> {
  if (user === undefined) {
    try {
      user = await get<User>('/v1/auth/me');
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      user = null;
    }
  }
  return user;
}

export function signedIn(next: User | null): void {
  user = next;
}

export const canManage = (me: User | null): boolean => me?.role === 'consultant';
export const canChangeStatus = (me: User | null): boolean => me?.role === 'consultant' || me?.role === 'client-admin';
