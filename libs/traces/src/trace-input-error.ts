/** Unusable trace input. The name ends in InputError so the CLI prints one line and exits 2. */
export class TraceInputError extends Error {
  override name = 'TraceInputError';

  constructor(
    message: string,
    readonly where: { file?: string; line?: number; offset?: number } = {},
    options?: ErrorOptions,
  ) {
    super(describeWhere(where) + message, options);
  }
}

function describeWhere(where: { file?: string; line?: number; offset?: number }): string {
  const parts: string[] = [];
  if (where.file) parts.push(where.file);
  if (where.line !== undefined) parts.push(`line ${where.line}`);
  if (where.offset !== undefined) parts.push(`byte offset ${where.offset}`);
  return parts.length ? `${parts.join(', ')}: ` : '';
}
