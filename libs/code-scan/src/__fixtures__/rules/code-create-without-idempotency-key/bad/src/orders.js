const express = require('express');
const router = express.Router();

router.post('/orders', async (req, res) => { // expect-finding: POST /orders
  const order = await Order.create(req.body);
  res.status(201).json(order);
});
