package shop.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.*;
import static org.springframework.web.reactive.function.server.RouterFunctions.nest;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

@Configuration
public class OrderRoutes {

  @Bean
  public RouterFunction<ServerResponse> orderRouter(OrderHandler handler) {
    return RouterFunctions.route()
        .GET("/orders", handler::list)
        .POST("/orders", accept(MediaType.APPLICATION_JSON), handler::create)
        .path("/orders/{id}", builder -> builder
            .GET("", handler::get)
            .DELETE(handler::cancel)
            .nest(path("/lines"), lines -> lines.PUT("/{lineId}", handler::updateLine)))
        .build();
  }

  @Bean
  public RouterFunction<ServerResponse> legacyRouter(LegacyHandler legacy) {
    return nest(path("/legacy"),
        route(GET("/status"), legacy::status)
            .andRoute(POST("/import").and(contentType(MediaType.APPLICATION_JSON)), legacy::importAll)
            .andRoute(method(HttpMethod.PATCH).and(path("/settings")), legacy::settings)
            .andNest(path("/reports"), route(RequestPredicates.GET("/{year}"), request -> legacy.report(request))));
  }
}
