import {
  auditJobId,
  AuditJob,
  deliveryJobId,
  diffSpecJobId,
  parseAuditJobPayload,
  parseDeliveryJobPayload,
  parseDiffSpecJobPayload,
  parseReauditJobPayload,
  parseRenderPlanJobPayload,
  reauditScheduler,
  renderPlanJobId,
} from './jobs';

const id = '3f1c2a4e-8b7d-4c6e-9a1b-2d3e4f5a6b7c';

describe('job payloads', () => {
  it('accepts an audit payload and refuses anything else', () => {
    expect(parseAuditJobPayload({ auditId: id, extra: 1 })).toEqual({ auditId: id });
    expect(auditJobId(id, AuditJob.analyzeTraces)).toBe(`${id}-analyze-traces`);
    for (const bad of [null, undefined, 'x', {}, { auditId: 'x' }, { auditId: 42 }, { auditId: `${id}0` }, { auditId: ` ${id}` }]) {
      expect(() => parseAuditJobPayload(bad)).toThrow(/invalid audit job payload/);
    }
  });

  it('accepts a diff-spec payload for version 2 and above, with a deterministic job id', () => {
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

  it('accepts a reaudit payload naming a project, and refuses one without', () => {
    expect(parseReauditJobPayload({ projectId: id, auditId: 'x' })).toEqual({ projectId: id });
    for (const bad of [null, {}, { auditId: id }, { projectId: 'p-1' }, { projectId: [id] }]) {
      expect(() => parseReauditJobPayload(bad)).toThrow(/invalid reaudit job payload/);
    }
  });

  it('accepts a webhook delivery payload, with one job id per delivery', () => {
    expect(parseDeliveryJobPayload({ deliveryId: id, url: 'http://x' })).toEqual({ deliveryId: id });
    expect(deliveryJobId(id)).toBe(`delivery-${id}`);
    for (const bad of [null, {}, { deliveryId: 'd1' }, { deliveryId: 7 }]) {
      expect(() => parseDeliveryJobPayload(bad)).toThrow(/invalid deliver-webhook job payload/);
    }
  });

  it('shows at most 200 characters of a refused payload in the error', () => {
    const message = (() => {
      try {
        parseAuditJobPayload({ auditId: 'x'.repeat(500) });
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toBe(`invalid audit job payload: {"auditId":"${'x'.repeat(188)}`);
  });

  it('schedules a re-audit by cron in its time zone, or every n days counted from when it was set', () => {
    const since = new Date('2026-12-01T09:00:00Z');
    const byCron = reauditScheduler(id, { cron: '0 6 * * 1', timezone: 'Europe/Paris' }, since);
    expect(byCron.id).toBe(`reaudit:${id}`);
    expect(byCron.repeat).toEqual({ pattern: '0 6 * * 1', tz: 'Europe/Paris' });
    expect(byCron.template).toMatchObject({ name: 'reaudit', data: { projectId: id }, opts: { attempts: 3 } });
    expect(parseReauditJobPayload(byCron.template.data)).toEqual({ projectId: id });
    expect(reauditScheduler(id, { everyDays: 7 }, since).repeat).toEqual({ every: 7 * 86_400_000, startDate: Date.parse('2026-12-08T09:00:00Z') });
  });
});
