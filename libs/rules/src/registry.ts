import type { RuleMeta } from '@apiaudit/domain';
import type { SpecRule } from './spec-rule';
import { rule as apiKeyInQuery } from './rules/api-key-in-query';
import { rule as apiVersionMissing } from './rules/api-version-missing';
import { rule as apiVersioningMixed } from './rules/api-versioning-mixed';
import { rule as createMissingLocationHeader } from './rules/create-missing-location-header';
import { rule as deleteReturns200WithoutBody } from './rules/delete-returns-200-without-body';
import { rule as deprecatedOperationMissingSunset } from './rules/deprecated-operation-missing-sunset';
import { rule as enumWithoutType } from './rules/enum-without-type';
import { rule as errorResponseNotProblemJson } from './rules/error-response-not-problem-json';
import { rule as exampleInvalid } from './rules/example-invalid';
import { rule as getMissingCacheHeaders } from './rules/get-missing-cache-headers';
import { rule as getWithRequestBody } from './rules/get-with-request-body';
import { rule as itemPathMissing404 } from './rules/item-path-missing-404';
import { rule as listEndpointUnbounded } from './rules/list-endpoint-unbounded';
import { rule as oauthScopeUndefined } from './rules/oauth-scope-undefined';
import { rule as operationDuplicateOperationId } from './rules/operation-duplicate-operation-id';
import { rule as operationMissing4xx } from './rules/operation-missing-4xx';
import { rule as operationMissingErrorSchema } from './rules/operation-missing-error-schema';
import { rule as operationMissingOperationId } from './rules/operation-missing-operation-id';
import { rule as operationMissingSecurity } from './rules/operation-missing-security';
import { rule as paginationLimitUnbounded } from './rules/pagination-limit-unbounded';
import { rule as paginationOffsetBased } from './rules/pagination-offset-based';
import { rule as paginationParameterNamesInconsistent } from './rules/pagination-parameter-names-inconsistent';
import { rule as pathCasingInconsistent } from './rules/path-casing-inconsistent';
import { rule as pathDuplicateTemplates } from './rules/path-duplicate-templates';
import { rule as pathExpressStyleParameter } from './rules/path-express-style-parameter';
import { rule as pathParameterUndeclared } from './rules/path-parameter-undeclared';
import { rule as pathParameterUnused } from './rules/path-parameter-unused';
import { rule as pathTrailingSlash } from './rules/path-trailing-slash';
import { rule as pathVerbInSegment } from './rules/path-verb-in-segment';
import { rule as postCreateReturns200 } from './rules/post-create-returns-200';
import { rule as postMissingIdempotencyKey } from './rules/post-missing-idempotency-key';
import { rule as propertyCasingInconsistent } from './rules/property-casing-inconsistent';
import { rule as rateLimitMissingRetryAfter } from './rules/rate-limit-missing-retry-after';
import { rule as requestBodyOpenSchema } from './rules/request-body-open-schema';
import { rule as requestBodyUntyped } from './rules/request-body-untyped';
import { rule as responseMissingSchema } from './rules/response-missing-schema';
import { rule as schemaMissingRequired } from './rules/schema-missing-required';
import { rule as securedOperationMissing401 } from './rules/secured-operation-missing-401';
import { rule as securitySchemeUndefined } from './rules/security-scheme-undefined';
import { rule as sensitiveDataInQuery } from './rules/sensitive-data-in-query';
import { rule as sensitiveFieldInResponse } from './rules/sensitive-field-in-response';
import { rule as serverMissing } from './rules/server-missing';
import { rule as serverPlainHttp } from './rules/server-plain-http';
import { emptyPathItem, refFileMissing, refRemote, refUnresolved } from './rules/spec-ingest-problems';
import { rule as operationMissingSummary } from './rules/operation-missing-summary';
import { rule as tagUndefined } from './rules/tag-undefined';
import { rule as parameterMissingSchema } from './rules/parameter-missing-schema';
import { rule as responseArrayUnbounded } from './rules/response-array-unbounded';
import { rule as putOnCollection } from './rules/put-on-collection';
import { rule as deleteOnCollection } from './rules/delete-on-collection';
import { rule as pathCollectionNotPlural } from './rules/path-collection-not-plural';
import { rule as stringWithoutMaxLength } from './rules/string-without-max-length';
import { rule as numberWithoutBounds } from './rules/number-without-bounds';
import { rule as securityBasicAuth } from './rules/security-basic-auth';
import { rule as oauthWeakFlow } from './rules/oauth-weak-flow';
import { rule as errorSchemasInconsistent } from './rules/error-schemas-inconsistent';
import { rule as headerParameterXPrefix } from './rules/header-parameter-x-prefix';
import { rule as schemaPropertyUntyped } from './rules/schema-property-untyped';
import { rule as successResponseCarriesError } from './rules/success-response-carries-error';

/** Every spec rule, in one place: ids are public and unique (tested). */
export const specRules: readonly SpecRule[] = [
  refUnresolved,
  refFileMissing,
  refRemote,
  emptyPathItem,
  operationMissingOperationId,
  operationDuplicateOperationId,
  pathParameterUndeclared,
  pathParameterUnused,
  pathExpressStyleParameter,
  requestBodyUntyped,
  requestBodyOpenSchema,
  responseMissingSchema,
  schemaMissingRequired,
  enumWithoutType,
  exampleInvalid,
  deleteReturns200WithoutBody,
  serverMissing,
  operationMissing4xx,
  operationMissingErrorSchema,
  errorResponseNotProblemJson,
  itemPathMissing404,
  rateLimitMissingRetryAfter,
  successResponseCarriesError,
  listEndpointUnbounded,
  paginationOffsetBased,
  paginationLimitUnbounded,
  paginationParameterNamesInconsistent,
  postMissingIdempotencyKey,
  createMissingLocationHeader,
  postCreateReturns200,
  getWithRequestBody,
  apiVersionMissing,
  apiVersioningMixed,
  deprecatedOperationMissingSunset,
  operationMissingSecurity,
  securedOperationMissing401,
  apiKeyInQuery,
  securitySchemeUndefined,
  oauthScopeUndefined,
  sensitiveFieldInResponse,
  sensitiveDataInQuery,
  serverPlainHttp,
  getMissingCacheHeaders,
  pathCasingInconsistent,
  pathTrailingSlash,
  pathVerbInSegment,
  pathDuplicateTemplates,
  propertyCasingInconsistent,
  operationMissingSummary,
  tagUndefined,
  parameterMissingSchema,
  responseArrayUnbounded,
  putOnCollection,
  deleteOnCollection,
  pathCollectionNotPlural,
  stringWithoutMaxLength,
  numberWithoutBounds,
  securityBasicAuth,
  oauthWeakFlow,
  errorSchemasInconsistent,
  headerParameterXPrefix,
  schemaPropertyUntyped,
];

export const specRuleMetas: RuleMeta[] = specRules.map((r) => r.meta);
