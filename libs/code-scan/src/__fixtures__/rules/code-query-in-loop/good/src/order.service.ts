export class OrderService {
  constructor(private readonly repo: Repository<Order>) {}

  async listWithLines() {
    return this.repo.find({ take: 20, relations: { lines: true } });
  }
}
