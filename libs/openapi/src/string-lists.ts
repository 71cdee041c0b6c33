// Loops that run per operation or per response index their arrays: before the optimizing compiler gets to them,
// for-of makes an iterator result object per step (0.5 MB on Kubernetes).

const NO_STRINGS: readonly string[] = [];

function isAllStrings(list: unknown[]): boolean {
  for (let i = 0; i < list.length; i++) if (typeof list[i] !== 'string') return false;
  return true;
}

/** The strings of a list, as a new array (a copy of the list when, as usual, it holds nothing else). */
export function copyOfStrings(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  if (isAllStrings(value)) return value.slice() as string[];
  const out: string[] = [];
  for (let i = 0; i < value.length; i++) if (typeof value[i] === 'string') out.push(value[i] as string);
  return out;
}

/**
 * The strings of a list that is only read, never kept: no array is made when the key is absent or the list is
 * all strings (then it is the list itself).
 */
export function stringsOf(value: unknown): readonly string[] {
  if (!Array.isArray(value) || value.length === 0) return NO_STRINGS;
  return isAllStrings(value) ? (value as string[]) : copyOfStrings(value);
}
