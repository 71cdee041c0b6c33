import type { CodeRule } from '../code-rule-context';
import * as blockingCryptoInHandler from './code-blocking-crypto-in-handler';
import * as createWithoutIdempotencyKey from './code-create-without-idempotency-key';
import * as emptyCatch from './code-empty-catch';
import * as entityExposesSecret from './code-entity-exposes-secret';
import * as goErrorIgnored from './code-go-error-ignored';
import * as goHttpClientWithoutTimeout from './code-go-http-client-without-timeout';
import * as handlerMissingAuthGuard from './code-handler-missing-auth-guard';
import * as httpCallWithoutTimeout from './code-http-call-without-timeout';
import * as inconsistentErrorShape from './code-inconsistent-error-shape';
import * as javaHttpClientWithoutTimeout from './code-java-http-client-without-timeout';
import * as listEndpointUnboundedQuery from './code-list-endpoint-unbounded-query';
import * as pythonBlockingCallInAsync from './code-python-blocking-call-in-async';
import * as pythonExceptionSwallowed from './code-python-exception-swallowed';
import * as pythonHttpCallWithoutTimeout from './code-python-http-call-without-timeout';
import * as queryInLoop from './code-query-in-loop';
import * as remoteCallWithoutCircuitBreaker from './code-remote-call-without-circuit-breaker';
import * as requestBodyUnbounded from './code-request-body-unbounded';
import * as retryWithoutBackoff from './code-retry-without-backoff';
import * as secretInSource from './code-secret-in-source';
import * as selectStarWithoutLimit from './code-select-star-without-limit';
import * as sequentialRemoteCalls from './code-sequential-remote-calls';
import * as sqlBuiltFromStrings from './code-sql-built-from-strings';
import * as syncIoInHandler from './code-sync-io-in-handler';
import * as unboundedCache from './code-unbounded-cache';
import * as unboundedPageSize from './code-unbounded-page-size';

/** Every code rule, in the order their findings are produced. A new rule is added here once. */
export const CODE_RULES: CodeRule[] = [
  blockingCryptoInHandler,
  createWithoutIdempotencyKey,
  emptyCatch,
  entityExposesSecret,
  goErrorIgnored,
  goHttpClientWithoutTimeout,
  handlerMissingAuthGuard,
  httpCallWithoutTimeout,
  inconsistentErrorShape,
  javaHttpClientWithoutTimeout,
  listEndpointUnboundedQuery,
  pythonBlockingCallInAsync,
  pythonExceptionSwallowed,
  pythonHttpCallWithoutTimeout,
  queryInLoop,
  remoteCallWithoutCircuitBreaker,
  requestBodyUnbounded,
  retryWithoutBackoff,
  secretInSource,
  selectStarWithoutLimit,
  sequentialRemoteCalls,
  sqlBuiltFromStrings,
  syncIoInHandler,
  unboundedCache,
  unboundedPageSize,
];
