const { LRUCache } = require('lru-cache');
const priceCache = new Map();

async function price(sku) {
  if (priceCache.size > 10000) priceCache.clear();
  if (!priceCache.has(sku)) priceCache.set(sku, await lookup(sku));
  return priceCache.get(sku);
}

module.exports = { price };
