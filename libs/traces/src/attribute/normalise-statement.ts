/**
 * A statement's shape with literals stripped, so `WHERE id = 7` and `WHERE id = 8` group together (the N+1 and
 * slow-query detectors key on it). Bind markers ($1, :name, @p1) become `?`, and IN lists collapse to one `?`.
 */
export function normaliseStatement(statement: string): string {
  let shape = shapes.get(statement);
  if (shape === undefined) {
    if (shapes.size >= CACHE_LIMIT) shapes.clear();
    shape = computeShape(statement);
    shapes.set(statement, shape);
  }
  return shape;
}

// Real traffic repeats a small set of statements millions of times; the regex pass dominated profiles.
const CACHE_LIMIT = 10000;
const shapes = new Map<string, string>();
const valueFlags = new Map<string, boolean>();

function computeShape(statement: string): string {
  return statement
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/\$\d+|:[A-Za-z_]\w*|@p\d+/g, '?')
    .replace(/\b-?\d+(?:\.\d+)?(?:e[+-]?\d+)?\b/gi, '?')
    .replace(/\bin\s*\(\s*\?(?:\s*,\s*\?)*\s*\)/gi, 'IN (?)')
    .replace(/\(\s*\?(?:\s*,\s*\?)+\s*\)(?:\s*,\s*\(\s*\?(?:\s*,\s*\?)*\s*\))*/g, '(?)')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * True when the statement's text holds every value it is run with, so two equal texts are the same read: no bind
 * marker (`?`, `$1`, `:name`, `@p1`) outside quotes. `select count(*) from "articles"` qualifies; `where "id" in
 * ($1, $2)` does not, whatever its shape, because the values are not in the span.
 */
export function carriesAllValues(statement: string): boolean {
  let flag = valueFlags.get(statement);
  if (flag === undefined) {
    if (valueFlags.size >= CACHE_LIMIT) valueFlags.clear();
    flag = !BIND_MARKER.test(statement.replace(QUOTED, ''));
    valueFlags.set(statement, flag);
  }
  return flag;
}

// String literals and quoted identifiers may contain anything; `::` is a PostgreSQL cast, not a named marker.
const QUOTED = /'(?:[^']|'')*'|"(?:[^"]|"")*"|`[^`]*`/g;
const BIND_MARKER = /\?|\$\d+|(?<!:):[A-Za-z_]\w*|@p?\w+/;

const READ = /^\s*(select|with\b[\s\S]*\bselect|get|mget|hget|hgetall|find|count)\b/i;

export function isReadStatement(statement: string): boolean {
  return READ.test(statement);
}

const literalReads = new Map<string, boolean>();

/** A read whose text carries all its values, so two equal texts are the same read (cached per statement text). */
export function isLiteralRead(statement: string): boolean {
  let flag = literalReads.get(statement);
  if (flag === undefined) {
    if (literalReads.size >= CACHE_LIMIT) literalReads.clear();
    flag = isReadStatement(statement) && carriesAllValues(statement);
    literalReads.set(statement, flag);
  }
  return flag;
}

/** `select articles`, `insert tags`: the statement's verb and the first table it names, for labels. */
export function statementTarget(statement: string): string {
  // No statement recorded (pg.connect, a driver's span name): the name says what it was.
  if (!/\s/.test(statement.trim())) return statement.trim();
  const verb = /^\s*(\w+)/.exec(statement)?.[1]?.toLowerCase() ?? 'query';
  const table = /\b(?:from|into|update|join)\s+((?:"[^"]+"|`[^`]+`|[\w$]+)(?:\.(?:"[^"]+"|`[^`]+`|[\w$]+))?)/i.exec(statement)?.[1];
  return table ? `${verb} ${table.replace(/["`]/g, '')}` : verb;
}

/**
 * BEGIN / START TRANSACTION opens a transaction, COMMIT / ROLLBACK closes it (SAVEPOINT and RELEASE sit inside one).
 * MySQL's instrumentation records `START TRANSACTION`; pg's, `BEGIN`.
 */
export function transactionBoundaryOf(statement: string): 'open' | 'close' | undefined {
  if (/^\s*(?:begin|start\s+transaction)\b/i.test(statement)) return 'open';
  if (/^\s*(?:commit|rollback)\b/i.test(statement)) return 'close';
  return undefined;
}
