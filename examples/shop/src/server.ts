import express from 'express';
import { productsRouter } from './routes/products';
import { ordersRouter } from './routes/orders';
import { paymentsRouter } from './routes/payments';
import { customersRouter } from './routes/customers';

const app = express();
app.use(express.json());
app.use('/v1/products', productsRouter);
app.use('/v1/orders', ordersRouter);
app.use('/v1/payments', paymentsRouter);
app.use('/v1/customers', customersRouter);

app.get('/internal/metrics', (_req, res) => {
  res.json({ uptime: process.uptime() });
});

app.listen(Number(process.env.PORT ?? 8080));
