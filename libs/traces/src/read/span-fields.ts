import type { AttributeValue, SpanKind } from '../span';

const HEX_ID = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Reads a trace or span id as lowercase hex. OTLP/JSON mandates hex, but the protobuf JSON mapping (and some
 * exporters that follow it) write bytes as base64, so a base64 string of the right byte length is accepted too.
 * Returns null for anything that is not a valid non-zero id.
 */
const CANONICAL_ID = /^(?:[0-9a-f]{16}){1,2}$/;
const ZERO_ID = /^0+$/;

export function normaliseId(value: unknown, bytes: 8 | 16): string | null {
  if (typeof value !== 'string' || value.length === 0) return null;
  // Almost every id is already canonical (OTLP hex); skip the copies the general path makes.
  if (CANONICAL_ID.test(value)) return ZERO_ID.test(value) ? null : value;
  let hex: string | null = null;
  if (HEX_ID.test(value) && value.length <= 32) {
    // Jaeger and Zipkin drop leading zeros; 64-bit tracers use 16 digits where OTLP uses 32.
    hex = value.toLowerCase().padStart(value.length <= 16 ? 16 : 32, '0');
  } else if (BASE64.test(value)) {
    const decoded = Buffer.from(value, 'base64');
    if (decoded.length === bytes || decoded.length === 8) hex = decoded.toString('hex');
  }
  if (!hex || ZERO_ID.test(hex)) return null;
  return hex;
}

/** Nanosecond timestamps exceed 2^53, so they are cut to microseconds as text before becoming numbers. */
export function nanosToMicros(value: unknown): number {
  if (typeof value === 'number') return Math.floor(value / 1000);
  if (typeof value === 'string') {
    if (value.length <= 3) return 0;
    const micros = Number(value.slice(0, -3));
    return Number.isFinite(micros) ? micros : NaN;
  }
  if (value && typeof value === 'object' && 'low' in value && 'high' in value) {
    return nanosToMicros(String(value));
  }
  return NaN;
}

const OTLP_KINDS: SpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];

export function readKind(value: unknown): SpanKind {
  if (typeof value === 'number') return OTLP_KINDS[value] ?? 'unspecified';
  if (typeof value === 'string') {
    const name = value.toLowerCase().replace(/^span_kind_/, '');
    if ((OTLP_KINDS as string[]).includes(name)) return name as SpanKind;
    if (name === 'rpc_server') return 'server';
    if (name === 'rpc_client') return 'client';
  }
  return 'unspecified';
}

/**
 * How deep an OTLP array or map attribute is kept; below it a marker stands in. No detector reads into such values,
 * and a value nested 10,000 deep must neither overflow the stack nor, written as JSON inside JSON, double its
 * escapes at every level.
 */
export const MAX_ANY_VALUE_DEPTH = 16;
const TOO_DEEP = `[nested deeper than ${MAX_ANY_VALUE_DEPTH} levels]`;

type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };

/** OTLP AnyValue to a flat attribute value; arrays and maps become JSON text since no detector reads into them. */
export function readAnyValue(value: any): AttributeValue | undefined {
  if (!value || typeof value !== 'object') return undefined;
  if (value.arrayValue !== undefined || value.kvlistValue !== undefined) return JSON.stringify(plainOf(value, 0));
  return scalarOf(value);
}

function scalarOf(value: any): AttributeValue | undefined {
  if (value.stringValue !== undefined) return String(value.stringValue);
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return Number(value.doubleValue);
  if (value.boolValue !== undefined) return Boolean(value.boolValue);
  if (value.bytesValue !== undefined) return String(value.bytesValue);
  return undefined;
}

/** An array or map AnyValue as plain data, once, so it is written as JSON once. */
function plainOf(value: any, depth: number): Plain {
  if (!value || typeof value !== 'object') return null;
  if (value.arrayValue === undefined && value.kvlistValue === undefined) return scalarOf(value) ?? null;
  if (depth >= MAX_ANY_VALUE_DEPTH) return TOO_DEEP;
  if (value.arrayValue !== undefined) {
    const values = value.arrayValue?.values;
    return Array.isArray(values) ? values.map((item: unknown) => plainOf(item, depth + 1)) : [];
  }
  const out: { [key: string]: Plain } = {};
  const list = value.kvlistValue?.values;
  if (Array.isArray(list)) {
    for (const entry of list) {
      if (!entry || typeof entry.key !== 'string') continue;
      const plain = plainOf(entry.value, depth + 1);
      if (plain !== null) out[entry.key] = plain;
    }
  }
  return out;
}

export function readKeyValues(list: unknown): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  if (!Array.isArray(list)) return out;
  for (const entry of list) {
    if (!entry || typeof entry.key !== 'string') continue;
    const value = readAnyValue(entry.value);
    if (value !== undefined) out[entry.key] = value;
  }
  return out;
}

/** Error as the newer semantic conventions and the older `error` tag both express it. */
export function isErrorByAttributes(attributes: Record<string, AttributeValue>, serverSide: boolean): boolean {
  const error = attributes['error'];
  if (error === true || error === 'true') return true;
  if (attributes['otel.status_code'] === 'ERROR') return true;
  const status = Number(attributes['http.response.status_code'] ?? attributes['http.status_code']);
  if (Number.isFinite(status) && (status >= 500 || (!serverSide && status >= 400))) return true;
  return false;
}
