import { unreadSources } from './first-plan-files.service';

describe('unreadSources: what the plan says the audit lacks', () => {
  it('lists each missing or failed source with its reason, and none that was read', () => {
    expect(
      unreadSources({
        sources: [
          { kind: 'spec', status: 'read', sourceId: 's', version: 1, label: 'openapi.yaml' },
          { kind: 'traces', status: 'missing', detail: 'the project has no trace export' },
          { kind: 'repository', status: 'failed', sourceId: 'r', label: 'github:acme/shop@main', detail: 'could not be fetched' },
        ],
      }),
    ).toEqual([
      { kind: 'traces', status: 'missing', reason: 'the project has no trace export' },
      { kind: 'repo', label: 'github:acme/shop@main', status: 'failed', reason: 'could not be fetched' },
    ]);
  });

  it('lists nothing for an audit stored before sources were reported', () => {
    expect(unreadSources({ sources: null })).toEqual([]);
  });
});
