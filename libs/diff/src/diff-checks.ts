import type { RuleMeta } from '@apiaudit/domain';
import type { ChangeLevel } from './change';

interface CheckDefinition {
  level: ChangeLevel;
  title: string;
  /** Sentence template; {name} placeholders are filled from the change's details. */
  message: string;
}

// Messages live apart from the comparison logic, keyed by check id: ids are public, never renamed.
export const DIFF_CHECKS = {
  'operation-removed': { level: 'breaking', title: 'Operation removed', message: '{op} was removed; clients calling it will get 404 or 405.' },
  'operation-removed-before-sunset': { level: 'breaking', title: 'Operation removed before its sunset date', message: '{op} was removed before its announced sunset on {sunset}.' },
  'operation-removed-deprecated': { level: 'info', title: 'Deprecated operation removed after its sunset', message: '{op} was removed after deprecation (sunset {sunset}).' },
  'operation-removed-too-soon': { level: 'breaking', title: 'Operation removed without the deprecation window', message: '{op} was removed without being deprecated for at least {days} days first.' },
  'operation-added': { level: 'non-breaking', title: 'Operation added', message: '{op} was added.' },
  'operation-deprecated': { level: 'info', title: 'Operation deprecated', message: '{op} is now deprecated{sunsetText}.' },
  'operation-id-changed': { level: 'potentially-breaking', title: 'operationId changed', message: 'operationId of {op} changed from {from} to {to}; generated SDK methods are renamed.' },
  'path-parameter-renamed': { level: 'info', title: 'Path parameter renamed', message: '{op}: path parameter {from} is now called {to} (same URLs).' },
  'request-parameter-added-required': { level: 'breaking', title: 'Required parameter added', message: '{op} now requires {in} parameter {name}; existing calls lack it.' },
  'request-parameter-added-optional': { level: 'non-breaking', title: 'Optional parameter added', message: '{op} accepts a new optional {in} parameter {name}.' },
  'request-parameter-removed': { level: 'potentially-breaking', title: 'Parameter removed', message: '{op} no longer accepts {in} parameter {name}; clients sending it may be rejected or ignored.' },
  'request-parameter-became-required': { level: 'breaking', title: 'Parameter became required', message: '{op}: {in} parameter {name} is now required.' },
  'request-parameter-became-optional': { level: 'non-breaking', title: 'Parameter became optional', message: '{op}: {in} parameter {name} is now optional.' },
  'request-parameter-moved': { level: 'breaking', title: 'Parameter moved', message: '{op}: parameter {name} moved from {from} to {to}.' },
  'request-parameter-type-changed': { level: 'breaking', title: 'Parameter type changed', message: '{op}: {in} parameter {name} changed type from {from} to {to}.' },
  'request-parameter-enum-value-removed': { level: 'breaking', title: 'Parameter enum value removed', message: '{op}: {in} parameter {name} no longer accepts {value}.' },
  'request-parameter-max-decreased': { level: 'breaking', title: 'Parameter maximum lowered', message: '{op}: {in} parameter {name} maximum lowered from {from} to {to}.' },
  'request-parameter-min-increased': { level: 'breaking', title: 'Parameter minimum raised', message: '{op}: {in} parameter {name} minimum raised from {from} to {to}.' },
  'request-parameter-pattern-changed': { level: 'potentially-breaking', title: 'Parameter pattern changed', message: '{op}: {in} parameter {name} pattern changed from {from} to {to}.' },
  'request-parameter-format-changed': { level: 'potentially-breaking', title: 'Parameter format changed', message: '{op}: {in} parameter {name} format changed from {from} to {to}.' },
  'request-parameter-default-changed': { level: 'potentially-breaking', title: 'Parameter default changed', message: '{op}: {in} parameter {name} now defaults to {to} instead of {from}; clients that omit it get other behaviour.' },
  'request-body-added-required': { level: 'breaking', title: 'Required request body added', message: '{op} now requires a request body.' },
  'request-body-became-required': { level: 'breaking', title: 'Request body became required', message: '{op}: the request body is now required.' },
  'request-media-type-added': { level: 'non-breaking', title: 'Request media type added', message: '{op} also accepts {mediaType} bodies.' },
  'request-media-type-removed': { level: 'breaking', title: 'Request media type removed', message: '{op} no longer accepts {mediaType} bodies.' },
  'request-property-added-required': { level: 'breaking', title: 'Required request property added', message: '{op}: request property {path} is new and required.' },
  'request-property-became-required': { level: 'breaking', title: 'Request property became required', message: '{op}: request property {path} is now required.' },
  'request-property-removed': { level: 'potentially-breaking', title: 'Request property removed', message: '{op}: request property {path} was removed; clients still sending it may be rejected.' },
  'request-property-type-changed': { level: 'breaking', title: 'Request property type changed', message: '{op}: request property {path} changed type from {from} to {to}.' },
  'request-property-enum-value-removed': { level: 'breaking', title: 'Request enum value removed', message: '{op}: request property {path} no longer accepts {value}.' },
  'request-property-max-length-decreased': { level: 'breaking', title: 'Request maxLength lowered', message: '{op}: request property {path} maxLength lowered from {from} to {to}.' },
  'request-property-min-length-increased': { level: 'breaking', title: 'Request minLength raised', message: '{op}: request property {path} minLength raised from {from} to {to}.' },
  'request-property-minimum-increased': { level: 'breaking', title: 'Request minimum raised', message: '{op}: request property {path} minimum raised from {from} to {to}.' },
  'request-property-maximum-decreased': { level: 'breaking', title: 'Request maximum lowered', message: '{op}: request property {path} maximum lowered from {from} to {to}.' },
  'request-property-format-changed': { level: 'potentially-breaking', title: 'Request format changed', message: '{op}: request property {path} format changed from {from} to {to}.' },
  'request-property-default-changed': { level: 'potentially-breaking', title: 'Request default changed', message: '{op}: request property {path} now defaults to {to} instead of {from}.' },
  'request-property-no-longer-nullable': { level: 'breaking', title: 'Request property no longer accepts null', message: '{op}: request property {path} no longer accepts null.' },
  'request-property-option-removed': { level: 'breaking', title: 'Request oneOf/anyOf option removed', message: '{op}: request property {path} accepts {to} alternatives instead of {from}.' },
  'request-property-pattern-changed': { level: 'potentially-breaking', title: 'Request pattern changed', message: '{op}: request property {path} pattern changed from {from} to {to}.' },
  'request-additional-properties-closed': { level: 'breaking', title: 'Request object closed to extra properties', message: '{op}: request object {path} no longer accepts additional properties.' },
  'request-property-became-read-only': { level: 'breaking', title: 'Request property became readOnly', message: '{op}: request property {path} is now readOnly and must not be sent.' },
  'response-success-status-removed': { level: 'breaking', title: 'Success status removed', message: '{op} no longer answers {status}; clients expecting it will treat responses as errors.' },
  'response-status-added': { level: 'info', title: 'Response status added', message: '{op} may now answer {status}.' },
  'response-media-type-added': { level: 'non-breaking', title: 'Response media type added', message: '{op} {status} can also return {mediaType}.' },
  'response-media-type-removed': { level: 'breaking', title: 'Response media type removed', message: '{op} {status} no longer returns {mediaType}.' },
  'response-property-removed': { level: 'breaking', title: 'Response property removed', message: '{op} {status}: response property {path} was removed.' },
  'response-property-became-optional': { level: 'breaking', title: 'Response property became optional', message: '{op} {status}: response property {path} is no longer always present.' },
  'response-property-type-changed': { level: 'breaking', title: 'Response property type changed', message: '{op} {status}: response property {path} changed type from {from} to {to}.' },
  'response-property-enum-value-added': { level: 'potentially-breaking', title: 'Response enum value added', message: '{op} {status}: response property {path} may now be {value}; exhaustive client switches break.' },
  'response-property-format-changed': { level: 'potentially-breaking', title: 'Response format changed', message: '{op} {status}: response property {path} format changed from {from} to {to}.' },
  'response-property-became-write-only': { level: 'breaking', title: 'Response property became writeOnly', message: '{op} {status}: response property {path} is now writeOnly and no longer returned.' },
  'response-property-option-added': { level: 'potentially-breaking', title: 'Response oneOf/anyOf option added', message: '{op} {status}: response property {path} may now take {to} shapes instead of {from}.' },
  'response-property-added': { level: 'non-breaking', title: 'Response property added', message: '{op} {status}: response property {path} was added.' },
  'response-property-became-nullable': { level: 'breaking', title: 'Response property became nullable', message: '{op} {status}: response property {path} may now be null.' },
  'response-header-removed': { level: 'breaking', title: 'Response header removed', message: '{op} {status} no longer sends header {name}.' },
  'security-requirement-added': { level: 'breaking', title: 'Authentication required', message: '{op} now requires {scheme}.' },
  'security-requirement-removed': { level: 'info', title: 'Authentication no longer required', message: '{op} no longer requires {scheme}.' },
  'security-scope-added': { level: 'breaking', title: 'OAuth scope added', message: '{op} now requires scope {scope} of {scheme}; existing tokens may lack it.' },
  'server-url-changed': { level: 'potentially-breaking', title: 'Server URL changed', message: 'Server {from} is now {to}.' },
  'server-removed': { level: 'breaking', title: 'Server removed', message: 'Server {from} is no longer listed.' },
} satisfies Record<string, CheckDefinition>;

export type DiffCheckId = keyof typeof DIFF_CHECKS;

export function phrase(checkId: DiffCheckId, values: Record<string, string | number>): string {
  return DIFF_CHECKS[checkId].message.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
}

const SEVERITY_OF_LEVEL = { breaking: 'high', 'potentially-breaking': 'medium', 'non-breaking': 'info', info: 'info' } as const;

export const diffCheckMetas: RuleMeta[] = Object.entries(DIFF_CHECKS).map(([id, check]) => ({
  id: `diff-${id}`,
  title: check.title,
  category: 'evolution',
  source: 'diff',
  severity: SEVERITY_OF_LEVEL[check.level],
  rationale:
    check.level === 'breaking'
      ? 'Clients written against the previous version fail against this one without changing a line of their code. Breaking changes need a new version or a deprecation period, and a note to every consumer.'
      : check.level === 'potentially-breaking'
        ? 'Some clients break depending on how they were written (strict deserialisers, exhaustive switches, generated SDKs). Announce the change and check the known consumers.'
        : 'A compatible change: existing clients keep working. It belongs in the changelog so consumers can adopt it.',
  fix: check.level === 'breaking' ? 'Keep the old behaviour alongside the new one, or ship it under a new version and deprecate the old one with a sunset date.' : 'List it in the changelog.',
}));
