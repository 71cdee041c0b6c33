import { Injectable } from '@nestjs/common';
import { basename } from 'node:path';
import { excerptAround, type Evidence, type Excerpt } from '@apiaudit/domain';
import { AuditRepository, SourceRepository, type AuditEntity, type FindingEntity } from '@apiaudit/db';
import { specFilesOf } from '@apiaudit/openapi';
import { readTraceFile, type Span } from '@apiaudit/traces';
import { notFound } from '../http/problem';

const MAX_SPAN_NAME_CHARS = 240;
const MAX_SPEC_EXCERPTS = 8;
const MAX_TRACES = 3;
const MAX_SPANS_PER_TRACE = 300;

export interface SpecExcerpt extends Excerpt {
  file: string;
  line: number;
  pointer?: string;
  note?: string;
}

/** Code evidence as recorded, with the lines around it when the scan kept them. */
export type CodeExcerpt = Pick<Evidence, 'file' | 'line' | 'note'> & Partial<Excerpt>;

export interface TraceSpans {
  traceId: string;
  spans: Array<Pick<Span, 'spanId' | 'name' | 'service' | 'kind' | 'startUs' | 'durationUs' | 'isError'> & { parentSpanId?: string }>;
  /** Span ids the finding names. */
  highlight: string[];
  /** More spans of the trace exist than are returned. */
  truncated: boolean;
}

export interface FindingEvidenceView {
  spec: SpecExcerpt[];
  code: CodeExcerpt[];
  traces: TraceSpans[];
}

/** The file an evidence names among a source's files: the exact path, else the same base name, else the only file. */
export function pickFile(files: Map<string, Buffer>, wanted: string | undefined): [string, Buffer] | undefined {
  if (wanted && files.has(wanted)) return [wanted, files.get(wanted)!];
  const base = wanted ? basename(wanted) : undefined;
  const byBase = base ? [...files].filter(([name]) => basename(name) === base) : [];
  if (byBase.length === 1) return byBase[0];
  return files.size === 1 ? [...files][0] : undefined;
}

/**
 * Evidence of one finding as a person reads it: spec excerpts from the spec the audit read (stored in the
 * database), code evidence with the lines the scan kept, and the spans of the traces it names, read from the stored trace exports.
 * Bounded: a few excerpts, three traces, 300 spans each.
 */
@Injectable()
export class EvidenceService {
  constructor(
    private readonly audits: AuditRepository,
    private readonly sources: SourceRepository,
  ) {}

  /** The evidence of one finding of the audit; 404 for an unknown audit or finding. */
  async ofFinding(auditId: string, findingId: string): Promise<FindingEvidenceView> {
    const audit = await this.audits.findById(auditId);
    if (!audit) throw notFound('Audit', auditId);
    const finding = await this.audits.findFinding(auditId, findingId);
    if (!finding) throw notFound('Finding', findingId);
    return this.evidenceOf(audit, finding);
  }

  async evidenceOf(audit: AuditEntity, finding: FindingEntity): Promise<FindingEvidenceView> {
    const evidence = finding.evidence ?? [];
    const inputs = await this.sources.inputsAt(audit.projectId, audit.createdAt);
    return {
      spec: await this.specExcerpts(evidence.filter((e) => e.kind === 'spec' && e.line), inputs.spec),
      code: evidence.filter((e) => e.kind === 'code').map(({ file, line, note, excerpt }) => ({ ...(file ? { file } : {}), ...(line ? { line } : {}), ...(note ? { note } : {}), ...excerpt })),
      traces: await this.traceSpans(evidence.filter((e) => e.kind === 'trace' && e.traceId), inputs.traces.flatMap((t) => (t.path ? [t.path] : []))),
    };
  }

  private async specExcerpts(evidence: Evidence[], spec: { id: string; filename: string } | undefined): Promise<SpecExcerpt[]> {
    if (!spec || evidence.length === 0) return [];
    const bytes = await this.sources.contentOf(spec.id);
    const files = await specFilesOf(bytes, spec.filename);
    const excerpts: SpecExcerpt[] = [];
    for (const e of evidence.slice(0, MAX_SPEC_EXCERPTS)) {
      const file = pickFile(files, e.file);
      if (!file) continue;
      excerpts.push({ file: file[0], line: e.line!, ...(e.pointer ? { pointer: e.pointer } : {}), ...(e.note ? { note: e.note } : {}), ...excerptAround(file[1].toString('utf8'), e.line!) });
    }
    return excerpts;
  }

  private async traceSpans(evidence: Evidence[], paths: string[]): Promise<TraceSpans[]> {
    const wanted = new Map<string, TraceSpans>();
    for (const e of evidence) {
      const traceId = e.traceId!.toLowerCase();
      if (!wanted.has(traceId)) {
        if (wanted.size >= MAX_TRACES) continue;
        wanted.set(traceId, { traceId, spans: [], highlight: [], truncated: false });
      }
      if (e.spanId) wanted.get(traceId)!.highlight.push(e.spanId.toLowerCase());
    }
    if (wanted.size === 0) return [];
    for (const path of paths) {
      for await (const span of readTraceFile(path)) {
        const trace = wanted.get(span.traceId);
        if (!trace) continue;
        if (trace.spans.length >= MAX_SPANS_PER_TRACE) {
          trace.truncated = true;
          continue;
        }
        trace.spans.push({
          spanId: span.spanId,
          ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
          name: span.name.length > MAX_SPAN_NAME_CHARS ? `${span.name.slice(0, MAX_SPAN_NAME_CHARS)}…` : span.name,
          service: span.service,
          kind: span.kind,
          startUs: span.startUs,
          durationUs: span.durationUs,
          isError: span.isError,
        });
      }
    }
    return [...wanted.values()].filter((t) => t.spans.length > 0);
  }
}
