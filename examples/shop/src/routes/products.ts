import { Router } from 'express';
import { query } from '../db';

export const productsRouter = Router();

productsRouter.get('/', async (req, res) => {
  const offset = Number(req.query.offset ?? 0);
  const limit = Number(req.query.limit ?? 1000);
  const rows = await query(
    'SELECT p.*, (SELECT count(*) FROM order_items oi WHERE oi.product_id = p.id) AS popularity FROM products p ORDER BY popularity DESC OFFSET $1 LIMIT $2',
    [offset, limit],
  );
  res.json({ items: rows, total: rows.length });
});

productsRouter.get('/:productId', async (req, res) => {
  const [product] = await query('SELECT * FROM products WHERE id = $1', [req.params.productId]);
  if (!product) return res.status(404).json({ message: 'not found' });
  res.json(product);
});
