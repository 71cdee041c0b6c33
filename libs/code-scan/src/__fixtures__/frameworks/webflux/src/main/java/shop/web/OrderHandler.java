package shop.web;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

@Component
public class OrderHandler {
  // The client side of WebFlux (WebClient.get()) must not be read as a route.
  public Mono<ServerResponse> list(ServerRequest request) {
    return ServerResponse.ok().build();
  }
}
