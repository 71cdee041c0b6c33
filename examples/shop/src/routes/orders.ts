import { Router } from 'express';
import { query } from '../db';

export const ordersRouter = Router();

ordersRouter.get('/', async (req, res) => {
  res.json(await query('SELECT * FROM orders WHERE customer_id = $1', [req.header('x-customer-id')]));
});

ordersRouter.post('/', async (req, res) => {
  const [order] = await query<{ id: string }>('INSERT INTO orders (customer_id, status) VALUES ($1, $2) RETURNING *', [
    req.body.customerId,
    'pending',
  ]);
  for (const line of req.body.lines ?? []) {
    await query('INSERT INTO order_items (order_id, product_id, quantity) VALUES ($1, $2, $3)', [
      order.id,
      line.productId,
      line.quantity,
    ]);
  }
  res.status(200).json(order);
});

ordersRouter.get('/:orderId', async (req, res) => {
  const [order] = await query<{ id: string; item_ids: string[] }>('SELECT * FROM orders WHERE id = $1', [req.params.orderId]);
  if (!order) return res.status(404).json({ message: 'not found' });
  const lines = [];
  for (const itemId of order.item_ids) {
    lines.push((await query('SELECT * FROM order_items WHERE id = $1', [itemId]))[0]);
  }
  res.json({ ...order, lines });
});

ordersRouter.delete('/:orderId', async (req, res) => {
  await query("UPDATE orders SET status = 'cancelled' WHERE id = $1", [req.params.orderId]);
  res.status(200).end();
});
