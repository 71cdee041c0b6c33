export class OrderService {
  constructor(private readonly repo: Repository<Order>, private readonly lines: Repository<Line>) {}

  async listWithLines() {
    const orders = await this.repo.find({ take: 20 });
    for (const order of orders) { // expect-finding: GET /orders
      order.lines = await this.lines.findOneBy({ orderId: order.id });
    }
    return orders;
  }
}
