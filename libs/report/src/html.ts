/** Escapes text for HTML element content and attribute values: spec text and trace data end up in the plan. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export const SEVERITY_COLOR: Record<string, string> = {
  critical: '#7f1d1d',
  high: '#dc2626',
  medium: '#f59e0b',
  low: '#3b82f6',
  info: '#9ca3af',
};

export function badge(severity: string): string {
  return `<span class="sev" style="background:${SEVERITY_COLOR[severity] ?? '#999'}">${esc(severity)}</span>`;
}

export function money(usd: number): string {
  return usd >= 100 ? `$${Math.round(usd).toLocaleString('en-US')}` : `$${usd.toFixed(2)}`;
}

/** An escaped "METHOD /path" whose line may break after each slash, so long paths wrap in narrow table cells. */
export function endpointCode(method: string, path: string): string {
  return `<code>${esc(method)} ${esc(path).replace(/\//g, '/<wbr>')}</code>`;
}
