import type { RuleMeta } from '@apiaudit/domain';
import { meta as shadow } from './drift-shadow-endpoint';
import { meta as undocumented } from './drift-undocumented-endpoint';
import { meta as unused } from './drift-unused-endpoint';
import { meta as zombie } from './drift-zombie-endpoint';

export { findUndocumentedEndpoints } from './drift-undocumented-endpoint';
export { findUnusedEndpoints } from './drift-unused-endpoint';
export { detectDrift, type DriftInputs, type DriftResult } from './detect-drift';
export { alignToSpec } from './align-prefix';
export { templateKey, type ObservedEndpoint } from './observed-endpoint';

export const driftRuleMetas: RuleMeta[] = [undocumented, zombie, shadow, unused];
