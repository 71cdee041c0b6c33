const express = require('express');
const router = express.Router();

router.get('/items', async (req, res) => {
  const limit = Math.min(Number(req.query.limit ?? 50), 100);
  res.json(await db.items.list({ limit }));
});
