import type { JsonObject, OperationView } from '@apiaudit/openapi';
import { joinPointer } from '@apiaudit/openapi';
import type { CheckDefinition } from '../change';
import type { DiffContext } from '../check-definition';

export const OPERATION_CHECKS = {
  'operation-removed': { level: 'breaking', title: 'Operation removed', message: '{op} was removed; clients calling it will get 404 or 405.' },
  'operation-removed-before-sunset': { level: 'breaking', title: 'Operation removed before its sunset date', message: '{op} was removed before its announced sunset on {sunset}.' },
  'operation-removed-deprecated': { level: 'info', title: 'Deprecated operation removed after its sunset', message: '{op} was removed after deprecation (sunset {sunset}).' },
  'operation-removed-too-soon': { level: 'breaking', title: 'Operation removed without the deprecation window', message: '{op} was removed without being deprecated for at least {days} days first.' },
  'operation-added': { level: 'non-breaking', title: 'Operation added', message: '{op} was added.' },
  'operation-deprecated': { level: 'info', title: 'Operation deprecated', message: '{op} is now deprecated{sunsetText}.' },
  'operation-deprecation-window-too-short': { level: 'potentially-breaking', title: 'Sunset sooner than the deprecation policy allows', message: '{op} is deprecated with sunset {sunset}, {daysLeft} days away; the policy asks for at least {days}.' },
  'operation-undeprecated': { level: 'info', title: 'Operation no longer deprecated', message: '{op} is no longer deprecated.' },
  'operation-sunset-earlier': { level: 'potentially-breaking', title: 'Sunset date brought forward', message: '{op} now sunsets on {to} instead of {from}; clients have less time to migrate.' },
  'operation-id-changed': { level: 'potentially-breaking', title: 'operationId changed', message: 'operationId of {op} changed from {from} to {to}; generated SDK methods are renamed.' },
  'path-parameter-renamed': { level: 'info', title: 'Path parameter renamed', message: '{op}: path parameter {from} is now called {to} (same URLs).' },
  'callback-removed': { level: 'breaking', title: 'Callback removed', message: '{op} no longer calls back {name}; receivers waiting for it wait forever.' },
  'callback-added': { level: 'non-breaking', title: 'Callback added', message: '{op} now calls back {name}.' },
} satisfies Record<string, CheckDefinition>;

type Ctx = DiffContext<keyof typeof OPERATION_CHECKS>;

const DAY_MS = 86_400_000;

function dateOf(raw: unknown): Date | undefined {
  if (typeof raw !== 'string') return undefined;
  const date = new Date(raw);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * When the operation goes away: `x-sunset`, or the documented value of a `Sunset` response header (RFC 8594)
 * given as its example or default.
 */
export function sunsetOf(op: OperationView): Date | undefined {
  const declared = dateOf(op.extensions['x-sunset']);
  if (declared) return declared;
  for (const response of op.responses) {
    for (const header of response.headers) {
      if (header.name.toLowerCase() !== 'sunset') continue;
      const schema = header.schema?.value ?? {};
      const date = dateOf(header.value.example) ?? dateOf(schema.example) ?? dateOf(schema.default);
      if (date) return date;
    }
  }
  return undefined;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/** An operation of the base that the revision no longer has: breaking unless its deprecation ran its course. */
export function diffRemovedOperation(ctx: Ctx, before: OperationView): void {
  const sunset = sunsetOf(before);
  if (!before.deprecated) ctx.add('operation-removed', before, {}, { base: before.at });
  else if (sunset && sunset.getTime() > ctx.options.now.getTime()) ctx.add('operation-removed-before-sunset', before, { sunset: day(sunset) }, { base: before.at });
  else if (sunset) ctx.add('operation-removed-deprecated', before, { sunset: day(sunset) }, { base: before.at });
  else ctx.add('operation-removed-too-soon', before, { days: ctx.options.minDeprecationDays }, { base: before.at });
}

export function diffOperationLifecycle(ctx: Ctx, before: OperationView, after: OperationView): void {
  const minDays = ctx.options.minDeprecationDays;
  if (before.operationId && after.operationId && before.operationId !== after.operationId) {
    ctx.add('operation-id-changed', after, { from: before.operationId, to: after.operationId }, { base: before.at, revision: after.at });
  }
  const sunsetBefore = sunsetOf(before);
  const sunset = sunsetOf(after);
  const daysLeft = sunset ? Math.round((sunset.getTime() - ctx.options.now.getTime()) / DAY_MS) : undefined;
  if (!before.deprecated && after.deprecated) {
    const sunsetText = sunset ? ` with sunset ${day(sunset)} (${daysLeft} days)` : ' without a sunset date';
    ctx.add('operation-deprecated', after, { sunsetText }, { revision: after.at });
  }
  if (before.deprecated && !after.deprecated) ctx.add('operation-undeprecated', after, {}, { base: before.at, revision: after.at });
  if (after.deprecated && sunset && daysLeft !== undefined && daysLeft < minDays && (!before.deprecated || !sunsetBefore || sunset.getTime() < sunsetBefore.getTime())) {
    ctx.add('operation-deprecation-window-too-short', after, { sunset: day(sunset), daysLeft, days: minDays }, { revision: after.at });
  }
  if (before.deprecated && after.deprecated && sunsetBefore && sunset && sunset.getTime() < sunsetBefore.getTime()) {
    ctx.add('operation-sunset-earlier', after, { from: day(sunsetBefore), to: day(sunset) }, { base: before.at, revision: after.at });
  }

  const names = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const afterNames = names(after.path);
  names(before.path).forEach((name, i) => {
    if (afterNames[i] && afterNames[i] !== name) ctx.add('path-parameter-renamed', after, { from: name, to: afterNames[i] }, { base: before.pathItemAt, revision: after.pathItemAt });
  });

  const callbacks = (op: OperationView) => Object.keys((op.value.callbacks ?? {}) as JsonObject);
  const beforeCallbacks = callbacks(before);
  const afterCallbacks = callbacks(after);
  for (const name of beforeCallbacks) if (!afterCallbacks.includes(name)) ctx.add('callback-removed', after, { name }, { base: { file: before.at.file, pointer: joinPointer(before.at.pointer, 'callbacks', name) } });
  for (const name of afterCallbacks) if (!beforeCallbacks.includes(name)) ctx.add('callback-added', after, { name }, { revision: { file: after.at.file, pointer: joinPointer(after.at.pointer, 'callbacks', name) } });
}
