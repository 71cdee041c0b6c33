import { Router } from 'express';

export const users = Router();

users.get(
  '/users/:userId',
  async (req, res) => {
    const controller = new AbortController();
    const r = await fetch(`http://profiles/${req.params.userId}`, { signal: AbortSignal.timeout(500) });
    res.json(await r.json());
  },
);
users.post('/users', async (req, res) => {
  for (let attempt = 0; attempt < 3; attempt++) {
    const r = await fetch('http://crm/users', { method: 'POST', signal: AbortSignal.timeout(800) });
    if (r.ok) break;
    await sleep(2 ** attempt * 100);
  }
  res.status(201).end();
});
