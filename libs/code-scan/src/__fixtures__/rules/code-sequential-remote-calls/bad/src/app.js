const express = require('express');
const app = express();

app.get('/dashboard', async (req, res) => {
  const user = await fetch('http://users/me', { signal: AbortSignal.timeout(500) }); // expect-finding: GET /dashboard
  const orders = await fetch('http://orders/recent', { signal: AbortSignal.timeout(500) });
  const offers = await fetch('http://offers/today', { signal: AbortSignal.timeout(500) });
  res.json({ user, orders, offers });
});
