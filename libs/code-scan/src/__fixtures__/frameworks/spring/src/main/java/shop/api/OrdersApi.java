package shop.api;

import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping(path = "/orders")
public class OrdersApi {
  @GetMapping
  public List<Order> list() { return service.list(); }

  @PostMapping
  public Order create(@RequestBody Order order) { return service.create(order); }

  @GetMapping("{id}")
  public Order get(@PathVariable String id) { return service.get(id); }

  @RequestMapping(path = "{id}/lines/{lineId:[0-9]+}", method = {RequestMethod.PUT, RequestMethod.PATCH})
  public Order updateLine(@PathVariable String id, @PathVariable long lineId) { return null; }
}
