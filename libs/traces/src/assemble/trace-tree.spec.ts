import { join, resolve } from 'node:path';
import { readTraceFile } from '../read/read-trace-file';
import type { Span } from '../span';
import { buildTraceTree } from './trace-tree';
import { TraceAssembler } from './trace-assembler';

const corpus = resolve(__dirname, '../../../../..', 'shared/corpus/traces');

function span(partial: Partial<Span> & Pick<Span, 'spanId'>): Span {
  return { traceId: 'ab'.repeat(8), name: 'op', kind: 'internal', startUs: 0, durationUs: 100, service: 'a', attributes: {}, isError: false, ...partial };
}

describe('buildTraceTree', () => {
  it('splits Zipkin shared spans into client and server, keeping children under the server', () => {
    const tree = buildTraceTree([
      span({ spanId: '1', kind: 'server', service: 'front', durationUs: 1000 }),
      span({ spanId: '2', parentSpanId: '1', kind: 'client', service: 'front', startUs: 100, durationUs: 500 }),
      span({ spanId: '2', parentSpanId: '1', kind: 'server', service: 'back', startUs: 150, durationUs: 400, shared: true }),
      span({ spanId: '3', parentSpanId: '2', kind: 'client', service: 'back', startUs: 200, durationUs: 100 }),
    ]);
    const server = tree.nodes.find((node) => node.span.service === 'back' && node.span.kind === 'server')!;
    expect(server.parent!.span.kind).toBe('client');
    expect(server.parent!.parent!.span.service).toBe('front');
    expect(server.children.map((child) => child.span.spanId)).toEqual(['3']);
    expect(tree.orphanSpans).toBe(0);
  });

  it('centres a child whose host clock runs ahead inside its parent, with its subtree', () => {
    const tree = buildTraceTree([
      span({ spanId: '1', kind: 'client', service: 'front', startUs: 0, durationUs: 1000 }),
      span({ spanId: '2', parentSpanId: '1', kind: 'server', service: 'back', startUs: 5000, durationUs: 600 }),
      span({ spanId: '3', parentSpanId: '2', kind: 'client', service: 'back', startUs: 5100, durationUs: 100 }),
    ]);
    const [, child, grandchild] = ['1', '2', '3'].map((id) => tree.nodes.find((node) => node.span.spanId === id)!);
    expect(child.startUs).toBe(200);
    expect(child.endUs).toBe(800);
    expect(grandchild.startUs).toBe(300);
    expect(tree.skewAdjustedSpans).toBe(1);
  });

  it('keeps orphans as roots and counts them', () => {
    const tree = buildTraceTree([span({ spanId: '5', parentSpanId: '404' }), span({ spanId: '6', parentSpanId: '5' })]);
    expect(tree.roots.map((root) => root.span.spanId)).toEqual(['5']);
    expect(tree.orphanSpans).toBe(1);
  });

  it('builds the SmartThings install trace into one tree without losing spans', async () => {
    const spans: Span[] = [];
    for await (const item of readTraceFile(join(corpus, 'zipkin2-smartthings-mobile-web-install.json'))) spans.push(item);
    const tree = buildTraceTree(spans);
    expect(tree.nodes).toHaveLength(1041);
    expect(new Set(tree.nodes.map((node) => node.id)).size).toBe(1041);
    expect(tree.roots.length).toBeLessThan(5);
  });
});

describe('TraceAssembler', () => {
  it('emits each trace once, whole, and holds no more than the cap open', () => {
    const emitted: Span[][] = [];
    const assembler = new TraceAssembler((spans) => emitted.push(spans), { maxOpenTraces: 10, settleSpans: 50, idleSpans: 500 });
    let maxOpen = 0;
    for (let i = 0; i < 3000; i++) {
      const trace = Math.floor(i / 3);
      const position = i % 3;
      assembler.add(span({ traceId: trace.toString(16).padStart(32, '0'), spanId: String(i + 1), parentSpanId: position === 2 ? undefined : String(i + 3 - position) }));
      maxOpen = Math.max(maxOpen, assembler.openTraces);
    }
    assembler.finish();
    expect(maxOpen).toBeLessThanOrEqual(10);
    expect(emitted).toHaveLength(1000);
    expect(emitted.every((spans) => spans.length === 3)).toBe(true);
  });

  it('flushes interleaved traces once their roots have settled', () => {
    const emitted: string[] = [];
    const assembler = new TraceAssembler((spans) => emitted.push(spans[0].traceId), { maxOpenTraces: 1000, settleSpans: 100, idleSpans: 100000 });
    for (let i = 0; i < 5000; i++) assembler.add(span({ traceId: String(i % 7).padStart(32, '0'), spanId: String(i + 1), parentSpanId: 'f' }));
    for (let t = 0; t < 7; t++) assembler.add(span({ traceId: String(t).padStart(32, '0'), spanId: `r${t}` }));
    for (let i = 0; i < 3000; i++) assembler.add(span({ traceId: 'ee'.repeat(16), spanId: `x${i}`, parentSpanId: 'y' }));
    expect(emitted).toHaveLength(7);
    assembler.finish();
    expect(emitted).toHaveLength(8);
  });
});

describe('buildTraceTree and messaging', () => {
  it('leaves a consumer that runs after its producer where it is', () => {
    const tree = buildTraceTree([
      span({ spanId: '1', kind: 'producer', service: 'orders', startUs: 0, durationUs: 100 }),
      span({ spanId: '2', parentSpanId: '1', kind: 'consumer', service: 'mailer', startUs: 90000, durationUs: 500 }),
    ]);
    expect(tree.nodes[1].startUs).toBe(90000);
    expect(tree.skewAdjustedSpans).toBe(0);
  });
});
