import { diffSpecJobId, parseAuditJobPayload, parseDiffSpecJobPayload, parseRenderPlanJobPayload, renderPlanJobId, SourceJob } from './jobs';

const id = '3f1c2a4e-8b7d-4c6e-9a1b-2d3e4f5a6b7c';

describe('job payloads', () => {
  it('accepts an audit payload and refuses anything else', () => {
    expect(parseAuditJobPayload({ auditId: id, extra: 1 })).toEqual({ auditId: id });
    expect(() => parseAuditJobPayload({ auditId: 'x' })).toThrow(/invalid audit job payload/);
  });

  it('accepts a diff-spec payload for version 2 and above, with a deterministic job id', () => {
    expect(SourceJob.diffSpec).toBe('diff-spec');
    expect(parseDiffSpecJobPayload({ sourceId: id, version: 2 })).toEqual({ sourceId: id, version: 2 });
    expect(diffSpecJobId({ sourceId: id, version: 3 })).toBe(`diff-${id}-v3`);
    for (const bad of [null, {}, { sourceId: id }, { sourceId: id, version: 1 }, { sourceId: id, version: '2' }, { sourceId: 'nope', version: 2 }, { sourceId: id, version: 2.5 }]) {
      expect(() => parseDiffSpecJobPayload(bad)).toThrow(/invalid diff-spec job payload/);
    }
  });

  it('accepts a render-plan payload for a plan version, with one job id per version', () => {
    expect(parseRenderPlanJobPayload({ auditId: id, version: 3, extra: true })).toEqual({ auditId: id, version: 3 });
    expect(renderPlanJobId({ auditId: id, version: 3 })).toBe(`${id}-render-plan-v3`);
    for (const bad of [null, { auditId: id }, { auditId: id, version: 0 }, { auditId: 'x', version: 2 }, { auditId: id, version: '2' }]) {
      expect(() => parseRenderPlanJobPayload(bad)).toThrow(/invalid render-plan job payload/);
    }
  });
});
