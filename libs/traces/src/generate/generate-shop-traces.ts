import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { AttributeValue, Span, SpanKind } from '../span';
import { SeededRandom } from './seeded-random';

/**
 * A synthetic shop API with known problems, for tests, the demo and the benchmark:
 * - GET /v1/orders/{orderId}: N+1, one `SELECT … FROM order_items WHERE id = ?` per line item;
 * - GET /v1/customers/{customerId}/orders: customers, orders and payments called one after another;
 * - GET /v1/products: a slow `SELECT … ORDER BY popularity` (700–900 ms);
 * - GET /v1/products/{productId}: identical product reads repeated (no cache);
 * - POST /v1/payments: some calls to payments fail and are retried.
 * Everything else is healthy, so a detector that fires elsewhere at high severity is wrong.
 */
export interface ShopTraceOptions {
  seed?: number;
  /** Number of incoming requests (traces). ~6 spans each on average. */
  requests?: number;
  /** Epoch milliseconds of the first request. */
  startMs?: number;
  /** Mean gap between requests. */
  meanGapMs?: number;
}

const SHOP = 'shop-api';
const ROUTES = [
  { weight: 20, method: 'GET', route: '/v1/products' },
  { weight: 25, method: 'GET', route: '/v1/products/{productId}' },
  { weight: 12, method: 'GET', route: '/v1/orders' },
  { weight: 10, method: 'POST', route: '/v1/orders' },
  { weight: 14, method: 'GET', route: '/v1/orders/{orderId}' },
  { weight: 4, method: 'DELETE', route: '/v1/orders/{orderId}' },
  { weight: 8, method: 'POST', route: '/v1/payments' },
  { weight: 7, method: 'GET', route: '/v1/customers/{customerId}/orders' },
] as const;
const TOTAL_WEIGHT = ROUTES.reduce((sum, route) => sum + route.weight, 0);
const HOT_PRODUCTS = Array.from({ length: 25 }, (_, i) => 1000 + i * 7);

function resourceOf(service: string): Record<string, AttributeValue> {
  return {
    'service.name': service,
    'deployment.environment': 'production',
    'k8s.namespace.name': 'shop',
    'k8s.deployment.name': service,
  };
}

const RESOURCES = new Map(['shop-api', 'catalog', 'orders', 'payments', 'customers'].map((service) => [service, resourceOf(service)]));

class TraceBuilder {
  readonly spans: Span[] = [];
  readonly traceId: string;

  constructor(private readonly random: SeededRandom) {
    this.traceId = random.hex(16);
  }

  span(
    service: string,
    kind: SpanKind,
    name: string,
    startUs: number,
    durationUs: number,
    parent: Span | undefined,
    attributes: Record<string, AttributeValue>,
    isError = false,
  ): Span {
    const span: Span = {
      traceId: this.traceId,
      spanId: this.random.hex(8),
      name,
      kind,
      startUs: Math.round(startUs),
      durationUs: Math.max(1, Math.round(durationUs)),
      service,
      resource: RESOURCES.get(service),
      attributes,
      isError,
    };
    if (parent) span.parentSpanId = parent.spanId;
    this.spans.push(span);
    return span;
  }

  db(service: string, parent: Span, startUs: number, durationMs: number, statement: string): number {
    const operation = statement.split(' ')[0].toUpperCase();
    const table = /\b(?:FROM|INTO|UPDATE)\s+(\w+)/i.exec(statement)?.[1] ?? 'unknown';
    this.span(service, 'client', `${operation} shop.${table}`, startUs, durationMs * 1000, parent, {
      'db.system': 'postgresql',
      'db.name': 'shop',
      'db.statement': statement,
      'server.address': 'postgres',
    });
    return startUs + durationMs * 1000;
  }

  /** A client span in `caller` and the callee's server span inside it, with a quick query of its own. */
  call(
    caller: string,
    callee: string,
    parent: Span,
    startUs: number,
    method: string,
    path: string,
    route: string,
    serverMs: number,
    status = 200,
  ): number {
    const networkUs = this.random.between(400, 1500);
    const totalUs = serverMs * 1000 + networkUs * 2;
    const isError = status >= 500;
    const client = this.span(caller, 'client', method, startUs, totalUs, parent, {
      'http.request.method': method,
      'url.full': `http://${callee}:8080${path}`,
      'server.address': callee,
      'http.response.status_code': status,
    }, isError);
    const server = this.span(callee, 'server', `${method} ${route}`, startUs + networkUs, serverMs * 1000, client, {
      'http.request.method': method,
      'http.route': route,
      'url.path': path,
      'http.response.status_code': status,
    }, isError);
    if (!isError) {
      const statement = method === 'GET' ? `SELECT * FROM ${callee} WHERE id = $1` : `INSERT INTO ${callee} (id, data) VALUES ($1, $2)`;
      this.db(callee, server, startUs + networkUs + 300, Math.min(serverMs * 0.6, this.random.between(2, 8)), statement);
    }
    return startUs + totalUs;
  }
}

function pickRoute(random: SeededRandom): (typeof ROUTES)[number] {
  let roll = random.next() * TOTAL_WEIGHT;
  for (const route of ROUTES) {
    roll -= route.weight;
    if (roll < 0) return route;
  }
  return ROUTES[0];
}

/** Builds one request's trace; returns its spans in the order an exporter sees them (by end time). */
function buildRequest(random: SeededRandom, startUs: number): Span[] {
  const trace = new TraceBuilder(random);
  const route = pickRoute(random);
  const orderId = random.int(10000, 99999);
  const customerId = random.int(100, 999);
  const productId = random.pick(HOT_PRODUCTS);
  const path = route.route
    .replace('{orderId}', String(orderId))
    .replace('{customerId}', String(customerId))
    .replace('{productId}', String(productId));
  const root = trace.span(SHOP, 'server', `${route.method} ${route.route}`, startUs, 0, undefined, {
    'http.request.method': route.method,
    'http.route': route.route,
    'url.path': path,
    'http.response.status_code': route.method === 'POST' ? 201 : route.method === 'DELETE' ? 204 : 200,
  });
  let at = startUs + random.between(300, 1500);
  let responseBytes = random.int(300, 2000);
  switch (route.route) {
    case '/v1/products':
      at = trace.db(SHOP, root, at, random.between(700, 900), 'SELECT id, name, price FROM products WHERE active = $1 ORDER BY popularity DESC LIMIT $2');
      responseBytes = random.int(8000, 16000);
      break;
    case '/v1/products/{productId}': {
      const read = `SELECT id, name, price, stock FROM products WHERE id = ${productId}`;
      at = trace.db(SHOP, root, at, random.between(3, 8), read);
      at = trace.call(SHOP, 'catalog', root, at + random.between(200, 800), 'GET', `/catalog/stock/${productId}`, '/catalog/stock/{productId}', random.between(8, 20));
      at = trace.db(SHOP, root, at + random.between(200, 600), random.between(3, 8), read);
      break;
    }
  }
  if (route.method === 'GET' && route.route === '/v1/orders') {
    at = trace.db(SHOP, root, at, random.between(10, 30), 'SELECT id, status, total FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT $2');
    responseBytes = random.int(2000, 6000);
  } else if (route.method === 'POST' && route.route === '/v1/orders') {
    at = trace.call(SHOP, 'catalog', root, at, 'POST', '/catalog/reservations', '/catalog/reservations', random.between(25, 50));
    at = trace.db(SHOP, root, at + random.between(200, 500), random.between(6, 14), 'INSERT INTO orders (id, customer_id, total) VALUES ($1, $2, $3)');
    at = trace.call(SHOP, 'payments', root, at + random.between(200, 500), 'POST', '/payments/authorizations', '/payments/authorizations', random.between(60, 120));
  } else if (route.method === 'GET' && route.route === '/v1/orders/{orderId}') {
    at = trace.db(SHOP, root, at, random.between(3, 7), 'SELECT id, status, total FROM orders WHERE id = ?');
    const items = random.int(4, 18);
    for (let i = 0; i < items; i++) {
      at = trace.db(SHOP, root, at + random.between(100, 300), random.between(1.5, 4), 'SELECT id, sku, quantity, price FROM order_items WHERE id = ?');
    }
  } else if (route.method === 'DELETE') {
    at = trace.db(SHOP, root, at, random.between(5, 10), 'UPDATE orders SET status = $1 WHERE id = $2');
    at = trace.call(SHOP, 'orders', root, at + random.between(200, 500), 'DELETE', `/orders/${orderId}`, '/orders/{orderId}', random.between(15, 30));
  } else if (route.method === 'POST' && route.route === '/v1/payments') {
    for (let attempt = 0; attempt < 3; attempt++) {
      const fails = attempt < 2 && random.chance(0.25);
      at = trace.call(SHOP, 'payments', root, at, 'POST', '/payments/charges', '/payments/charges', fails ? random.between(40, 80) : random.between(90, 160), fails ? 503 : 201);
      if (!fails) break;
      at += random.between(1000, 3000);
    }
    at = trace.db(SHOP, root, at + random.between(200, 500), random.between(4, 9), 'INSERT INTO payments (id, order_id, amount) VALUES ($1, $2, $3)');
  } else if (route.route === '/v1/customers/{customerId}/orders') {
    at = trace.call(SHOP, 'customers', root, at, 'GET', `/customers/${customerId}`, '/customers/{customerId}', random.between(60, 100));
    at = trace.call(SHOP, 'orders', root, at + random.between(300, 2000), 'GET', `/orders?customer=${customerId}`, '/orders', random.between(70, 120));
    at = trace.call(SHOP, 'payments', root, at + random.between(300, 2000), 'GET', `/payments?customer=${customerId}`, '/payments', random.between(60, 100));
    responseBytes = random.int(3000, 9000);
  }
  root.durationUs = Math.round(at + random.between(1000, 4000) - startUs);
  root.attributes['http.response.body.size'] = responseBytes;
  return trace.spans.sort((a, b) => a.startUs + a.durationUs - (b.startUs + b.durationUs));
}

/** Requests in arrival order; each yields the spans of one trace. Deterministic for a seed. */
export function* generateShopTraces(options: ShopTraceOptions = {}): Generator<Span[]> {
  const random = new SeededRandom(options.seed ?? 42);
  const requests = options.requests ?? 500;
  const meanGapUs = (options.meanGapMs ?? 1200) * 1000;
  let at = (options.startMs ?? Date.UTC(2026, 0, 15, 9, 0, 0)) * 1000;
  for (let i = 0; i < requests; i++) {
    at += -Math.log(1 - random.next()) * meanGapUs;
    yield buildRequest(random, at);
  }
}

function toAnyValue(value: AttributeValue): Record<string, unknown> {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
}

function toKeyValues(attributes: Record<string, AttributeValue>) {
  return Object.entries(attributes).map(([key, value]) => ({ key, value: toAnyValue(value) }));
}

const KINDS: Record<SpanKind, number> = { unspecified: 0, internal: 1, server: 2, client: 3, producer: 4, consumer: 5 };

/** Spans as an OTLP/JSON ExportTraceServiceRequest, one ResourceSpans per service. */
export function toOtlpRequest(spans: Span[]): unknown {
  const byService = new Map<string, Span[]>();
  for (const span of spans) {
    const list = byService.get(span.service);
    if (list) list.push(span);
    else byService.set(span.service, [span]);
  }
  return {
    resourceSpans: [...byService].map(([service, list]) => ({
      resource: { attributes: toKeyValues(list[0].resource ?? { 'service.name': service }) },
      scopeSpans: [
        {
          scope: { name: 'apiaudit-shop-generator' },
          spans: list.map((span) => ({
            traceId: span.traceId,
            spanId: span.spanId,
            ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
            name: span.name,
            kind: KINDS[span.kind],
            startTimeUnixNano: `${span.startUs}000`,
            endTimeUnixNano: `${span.startUs + span.durationUs}000`,
            attributes: toKeyValues(span.attributes),
            status: span.isError ? { code: 2 } : {},
          })),
        },
      ],
    })),
  };
}

/**
 * Writes OTLP JSON Lines as the Collector's file exporter does: each line one export batch of several traces'
 * spans. Stops after `requests` traces, or once `maxSpans` spans are written. Returns the number of spans written.
 */
export async function writeShopTracesJsonl(
  path: string,
  options: ShopTraceOptions & { tracesPerLine?: number; maxSpans?: number } = {},
): Promise<number> {
  const out = createWriteStream(path);
  const perLine = options.tracesPerLine ?? 8;
  let batch: Span[] = [];
  let traces = 0;
  let spans = 0;
  const flush = async () => {
    if (!batch.length) return;
    if (!out.write(`${JSON.stringify(toOtlpRequest(batch))}\n`)) await once(out, 'drain');
    batch = [];
  };
  for (const trace of generateShopTraces(options)) {
    batch.push(...trace);
    spans += trace.length;
    if (++traces % perLine === 0) await flush();
    if (options.maxSpans !== undefined && spans >= options.maxSpans) break;
  }
  await flush();
  out.end();
  await once(out, 'finish');
  return spans;
}
