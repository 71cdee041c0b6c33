export type SpanKind = 'server' | 'client' | 'producer' | 'consumer' | 'internal' | 'unspecified';
export type AttributeValue = string | number | boolean;

/** One span in the shape every reader produces, whatever the export format. Times are epoch microseconds. */
export interface Span {
  /** Lowercase hex: 32 digits for W3C/OTLP ids, 16 for 64-bit Jaeger and Zipkin ids. */
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: SpanKind;
  startUs: number;
  durationUs: number;
  /** `service.name` (OTLP), the process (Jaeger) or the local endpoint (Zipkin). */
  service: string;
  /** Resource attributes such as deployment.environment and k8s.*; shared between spans of one batch. */
  resource?: Record<string, AttributeValue>;
  attributes: Record<string, AttributeValue>;
  isError: boolean;
  statusMessage?: string;
  /** Zipkin's remote endpoint: the callee's name when it emitted no span of its own. */
  remoteService?: string;
  /** Zipkin shared-span model: a server span reusing its client's span id. */
  shared?: boolean;
}
