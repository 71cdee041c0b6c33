import { Router } from 'express';
import CircuitBreaker from 'opossum';

export const users = Router();

// Calls to the profile service fail fast while it is down.
const profiles = new CircuitBreaker((id) => fetch(`http://profiles/${id}`, { signal: AbortSignal.timeout(500) }), { errorThresholdPercentage: 50 });

users.get(
  '/users/:userId',
  async (req, res) => {
    const r = await profiles.fire(req.params.userId);
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
