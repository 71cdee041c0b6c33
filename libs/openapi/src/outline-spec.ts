import type { SpecOutline } from '@apiaudit/domain';
import type { ApiModel } from './model';

/** The spec's operations as trace attribution reads them (the platform keeps this per spec version). */
export function outlineSpec(model: ApiModel): SpecOutline {
  return { operations: model.operations.map((op) => ({ method: op.method, path: op.path })) };
}
