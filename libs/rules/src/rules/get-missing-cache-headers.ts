import { defineRule, grouped, plural, type Hit } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'get-missing-cache-headers',
    title: 'GET response declares no ETag or Cache-Control',
    category: 'performance',
    severity: 'low',
    rationale:
      'Without `ETag` (for conditional requests) or `Cache-Control`, every read transfers the full body again and clients ' +
      'cannot cache safely. Conditional GETs turn unchanged reads into cheap 304s and cut egress cost.',
    fix: 'Return `ETag` and honour `If-None-Match` on GETs; set `Cache-Control` to what the data allows.',
  },
  (model) => {
    const hits: Hit[] = [];
    for (const op of model.operations) {
      if (op.method !== 'get') continue;
      for (const r of op.responses) {
        if (r.status === '200' && !r.headers.some((h) => /^(etag|cache-control|last-modified)$/i.test(h.name))) hits.push({ op, at: r.at });
      }
    }
    return grouped(rule.meta, model, hits, (n) => `${plural(n, 'GET operation')} ${n === 1 ? 'declares' : 'declare'} no ETag, Last-Modified or Cache-Control.`);
  },
);
