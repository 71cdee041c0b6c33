import { defineRule, grouped, plural, type Hit } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'pagination-offset-based',
    title: 'Offset pagination on a collection',
    category: 'pagination',
    severity: 'low',
    rationale:
      'Offset pagination makes the database skip `offset` rows on every page: deep pages get slower as the collection grows, ' +
      'and concurrent inserts make clients see duplicates or miss items. Cursor pagination avoids both.',
    fix: 'Offer cursor (keyset) pagination: return an opaque `next` cursor and accept it instead of an offset.',
  },
  (model) => {
    const hits: Hit[] = [];
    for (const op of model.operations) {
      for (const p of op.parameters) if (p.in === 'query' && /^(offset|skip|start)$/i.test(p.name)) hits.push({ op, at: p.at });
    }
    return grouped(rule.meta, model, hits, (n) => `${plural(n, 'operation')} ${n === 1 ? 'paginates' : 'paginate'} by offset.`);
  },
);
