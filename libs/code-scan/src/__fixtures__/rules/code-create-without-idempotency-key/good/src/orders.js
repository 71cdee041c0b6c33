const express = require('express');
const router = express.Router();

router.post('/orders', async (req, res) => {
  const key = req.get('Idempotency-Key');
  const previous = key && (await Idempotency.findByKey(key));
  if (previous) return res.status(previous.status).json(previous.body);
  const order = await Order.create(req.body);
  res.status(201).json(order);
});
