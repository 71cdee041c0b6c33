/** An endpoint as one source saw it; the drift checks compare these across spec, code and traffic. */
export interface ObservedEndpoint {
  method: string;
  path: string;
  service?: string;
  /** Where it was seen: spec file + pointer, code file + line, or example trace ids. */
  evidence: import('@apiaudit/domain').Evidence[];
  requests?: number;
}

/** Path templates compare equal whatever their parameter names: /a/{id} == /a/{orderId}. */
export function templateKey(method: string, path: string): string {
  const normalized = path.replace(/\{[^}]*\}/g, '{}').replace(/:[A-Za-z_]\w*/g, '{}').replace(/\/+$/, '') || '/';
  return `${method.toUpperCase()} ${normalized}`;
}

