/**
 * A statement's shape with literals stripped, so `WHERE id = 7` and `WHERE id = 8` group together (the N+1 and
 * slow-query detectors key on it). Bind markers ($1, :name, @p1) become `?`, and IN lists collapse to one `?`.
 */
export function normaliseStatement(statement: string): string {
  return statement
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/\$\d+|:[A-Za-z_]\w*|@p\d+/g, '?')
    .replace(/\b-?\d+(?:\.\d+)?(?:e[+-]?\d+)?\b/gi, '?')
    .replace(/\bin\s*\(\s*\?(?:\s*,\s*\?)*\s*\)/gi, 'IN (?)')
    .replace(/\(\s*\?(?:\s*,\s*\?)+\s*\)(?:\s*,\s*\(\s*\?(?:\s*,\s*\?)*\s*\))*/g, '(?)')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when the statement carries its own values, so two equal texts are the same read. */
export function hasLiterals(statement: string): boolean {
  const withBindMarkers = statement.replace(/\$\d+|:[A-Za-z_]\w*|@p\d+/g, '?').replace(/\s+/g, ' ').trim();
  return normaliseStatement(statement) !== withBindMarkers;
}

const READ = /^\s*(select|with\b[\s\S]*\bselect|get|mget|hget|hgetall|find|count)\b/i;

export function isReadStatement(statement: string): boolean {
  return READ.test(statement);
}
