const express = require('express');
const router = express.Router();

router.get('/items', async (req, res) => {
  const limit = Number(req.query.limit ?? 5000); // expect-finding: GET /items
  res.json(await db.items.list({ limit }));
});
