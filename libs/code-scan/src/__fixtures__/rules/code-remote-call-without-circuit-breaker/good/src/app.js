const express = require('express');
const CircuitBreaker = require('opossum');
const app = express();

const rates = new CircuitBreaker(() => fetch('http://rates/eur', { signal: AbortSignal.timeout(500) }));

app.get('/rates', async (req, res) => {
  const r = await rates.fire();
  res.json(await r.json());
});
