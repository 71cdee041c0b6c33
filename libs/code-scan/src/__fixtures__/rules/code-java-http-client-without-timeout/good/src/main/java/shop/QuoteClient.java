package shop;

import java.time.Duration;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.web.client.RestTemplate;

public class QuoteClient {
  private final RestTemplate rest;

  public QuoteClient(RestTemplateBuilder builder) {
    this.rest = builder.setConnectTimeout(Duration.ofSeconds(1)).setReadTimeout(Duration.ofSeconds(3)).build();
  }
}
