package dev.conversation.examples.host;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** What the host needs to face the open internet: bodies read without holding threads, and bounded. */
@Configuration(proxyBeanMethods = false)
class HttpConfiguration {

  /** The request-body filter, on the endpoints that take a body, right after the Accept check. */
  @Bean
  FilterRegistrationBean<RequestBodies> requestBodies(HostProperties properties) {
    FilterRegistrationBean<RequestBodies> registration = new FilterRegistrationBean<>(
        new RequestBodies(properties.maxBodySize().toBytes(), properties.bodyTimeout()));
    registration.addUrlPatterns("/agentclara/*", "/inbound/*");
    registration.setAsyncSupported(true);
    // Also on the dispatch after the body is read, where it hands the controller the body from memory.
    registration.setDispatcherTypes(jakarta.servlet.DispatcherType.REQUEST, jakarta.servlet.DispatcherType.ASYNC);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  /** The Accept check, on every API's paths, first: a request refused for its Accept is never read. */
  @Bean
  FilterRegistrationBean<AcceptCheck> acceptCheck() {
    FilterRegistrationBean<AcceptCheck> registration = new FilterRegistrationBean<>(new AcceptCheck());
    registration.addUrlPatterns("/agentclara/*", "/inbound/*", "/api/*");
    registration.setAsyncSupported(true);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /**
   * Tomcat answers {@code Expect: 100-continue} only when the body is read, not before the
   * request reaches the application: a body refused by its announced size is never asked for.
   */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> continueOnRead() {
    return factory -> {
      factory.addConnectorCustomizers(connector -> connector.setProperty("continueResponseTiming", "onRead"));
      // A body left unread is not swallowed with blocking reads: the connection is closed instead.
      factory.addContextValves(new NoSwallowValve());
      // Tomcat's own error pages (requests it refuses before the application) as JSON in the API's shape.
      factory.addContextCustomizers(context -> ((org.apache.catalina.core.StandardHost) context.getParent())
          .setErrorReportValveClass(JsonErrorReportValve.class.getName()));
    };
  }
}
