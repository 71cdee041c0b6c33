import { isJsonObject, type JsonValue, type SecurityRequirement } from './model';

/**
 * A `security` list as the model promises it: requirement objects only. A `null` or a string in the list grants
 * nothing, so it is left out (its place is reported by the schema check); undefined when there is no list.
 */
export function securityRequirementsOf(value: JsonValue | undefined): SecurityRequirement[] | undefined {
  if (!Array.isArray(value)) return undefined;
  // The list as it is when, as in every real spec, it holds only objects: no copy per operation.
  return value.every(isJsonObject) ? (value as SecurityRequirement[]) : (value.filter(isJsonObject) as SecurityRequirement[]);
}
