package shop.api;

@RestController
@RequestMapping("status")
public class StatusApi {
  private static final String DETAIL = "/detail";

  @GetMapping({"", DETAIL})
  public String status() { return "ok"; }

  @DeleteMapping(value = "cache")
  public void flush() {}
}
