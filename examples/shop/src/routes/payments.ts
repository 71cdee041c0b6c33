import { Router } from 'express';

export const paymentsRouter = Router();

const PSP_URL = process.env.PSP_URL ?? 'https://psp.example.com/charges';

paymentsRouter.post('/', async (req, res) => {
  let response: Response | undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    response = await fetch(PSP_URL, { method: 'POST', body: JSON.stringify(req.body) });
    if (response.ok) break;
  }
  if (!response?.ok) return res.status(402).json({ message: 'declined' });
  res.status(201).json(await response.json());
});
