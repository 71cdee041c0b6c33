const express = require('express');
const app = express();

app.get('/dashboard', async (req, res) => {
  const [user, orders, offers] = await Promise.all([
    fetch('http://users/me', { signal: AbortSignal.timeout(500) }),
    fetch('http://orders/recent', { signal: AbortSignal.timeout(500) }),
    fetch('http://offers/today', { signal: AbortSignal.timeout(500) }),
  ]);
  const user2 = await fetch('http://users/me', { signal: AbortSignal.timeout(500) });
  const detail = await fetch(`http://users/${user2.id}`, { signal: AbortSignal.timeout(500) });
  const more = await fetch(`http://users/${detail.id}/more`, { signal: AbortSignal.timeout(500) });
  res.json({ user, orders, offers, more });
});
