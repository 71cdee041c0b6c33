import { Router } from 'express';

export const customersRouter = Router();

const base = (service: string) => `http://${service}.shop.svc.cluster.local`;

customersRouter.get('/:customerId/orders', async (req, res) => {
  const id = req.params.customerId;
  const customer = await (await fetch(`${base('customers')}/customers/${id}`)).json();
  const orders = await (await fetch(`${base('orders')}/orders?customer=${id}`)).json();
  const payments = await (await fetch(`${base('payments')}/payments?customer=${id}`)).json();
  res.json({ customer, orders, payments });
});
