package shop;

import org.springframework.web.client.RestTemplate;

public class QuoteClient {
  private final RestTemplate rest = new RestTemplate(); // expect-finding

  public String today() {
    return rest.getForObject("http://quotes/today", String.class);
  }
}
