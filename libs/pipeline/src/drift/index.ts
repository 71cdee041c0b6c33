import type { RuleMeta } from '@apiaudit/domain';
import { meta as undocumented } from './drift-undocumented-endpoint';
import { meta as unused } from './drift-unused-endpoint';

export { findUndocumentedEndpoints } from './drift-undocumented-endpoint';
export { findUnusedEndpoints } from './drift-unused-endpoint';
export { templateKey, type ObservedEndpoint } from './observed-endpoint';

export const driftRuleMetas: RuleMeta[] = [undocumented, unused];
