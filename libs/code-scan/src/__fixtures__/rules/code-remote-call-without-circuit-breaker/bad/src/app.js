const express = require('express');
const app = express();

app.get('/rates', async (req, res) => {
  const r = await fetch('http://rates/eur', { signal: AbortSignal.timeout(500) }); // expect-finding: GET /rates
  res.json(await r.json());
});
