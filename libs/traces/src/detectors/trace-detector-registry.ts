import type { RuleMeta } from '@apiaudit/domain';
import { detector as chattyServiceCalls } from './trace-chatty-service-calls';
import { detector as errorHotSpot } from './trace-error-hot-spot';
import { detector as highFanOut } from './trace-high-fan-out';
import { detector as longSyncWork } from './trace-long-sync-work';
import { detector as missingCache } from './trace-missing-cache';
import { detector as nPlusOneQuery } from './trace-n-plus-one-query';
import { detector as retryStorm } from './trace-retry-storm';
import { detector as sequentialCalls } from './trace-sequential-calls';
import { detector as slowQuery } from './trace-slow-query';
import { detector as timeouts } from './trace-timeouts';
import type { TraceDetector } from './trace-detector';

export const traceDetectors: TraceDetector[] = [
  nPlusOneQuery,
  chattyServiceCalls,
  sequentialCalls,
  retryStorm,
  highFanOut,
  slowQuery,
  missingCache,
  longSyncWork,
  timeouts,
  errorHotSpot,
];

export const traceDetectorMetas: RuleMeta[] = traceDetectors.map((detector) => detector.meta);
