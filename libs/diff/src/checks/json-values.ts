import type { JsonValue } from '@apiaudit/openapi';

/** A schema keyword's value when it is a number (bounds, lengths, counts); anything else counts as absent. */
export const numberOf = (value: JsonValue | undefined): number | undefined => (typeof value === 'number' ? value : undefined);
