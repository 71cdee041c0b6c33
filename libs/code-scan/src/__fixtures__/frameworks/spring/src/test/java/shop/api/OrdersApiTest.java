package shop.api;

@RestController
class FakeApi {
  @GetMapping("/fake")
  public void fake() {}
}
