package dev.txoutbox.it.telemetry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * An OpenTelemetry collector in the test JVM: takes OTLP over HTTP with protobuf on a free port,
 * keeps the spans it receives and the latest export of each metric, and serves the metrics at
 * {@code /metrics} as text ({@link ReceivedMetrics}), for tests that run in the server.
 */
final class OtlpCollector implements AutoCloseable {
  private final HttpServer server;
  private final List<Span> spans = new CopyOnWriteArrayList<>();
  private final ReceivedMetrics metrics = new ReceivedMetrics();

  private OtlpCollector(HttpServer server) {
    this.server = server;
  }

  static OtlpCollector start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    OtlpCollector collector = new OtlpCollector(server);
    server.createContext("/v1/traces", collector::traces);
    server.createContext("/v1/metrics", collector::metrics);
    server.createContext("/metrics", collector::serveMetrics);
    // anything else an exporter might send is taken and dropped
    server.createContext("/", exchange -> answer(exchange, 200));
    server.start();
    return collector;
  }

  /** The endpoint for {@code otel.exporter.otlp.endpoint}. */
  String endpoint() {
    return "http://localhost:" + server.getAddress().getPort();
  }

  /** Where the metrics received can be read, as text. */
  String metricsUrl() {
    return endpoint() + "/metrics";
  }

  List<Span> spans() {
    return List.copyOf(spans);
  }

  private void traces(HttpExchange exchange) throws IOException {
    try (InputStream body = body(exchange)) {
      ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
      for (ResourceSpans resource : request.getResourceSpansList()) {
        for (ScopeSpans scope : resource.getScopeSpansList()) {
          spans.addAll(scope.getSpansList());
        }
      }
      answer(exchange, 200);
    } catch (IOException | RuntimeException e) {
      answer(exchange, 400);
      throw e;
    }
  }

  private void metrics(HttpExchange exchange) throws IOException {
    try (InputStream body = body(exchange)) {
      metrics.add(ExportMetricsServiceRequest.parseFrom(body));
      answer(exchange, 200);
    } catch (IOException | RuntimeException e) {
      answer(exchange, 400);
      throw e;
    }
  }

  private void serveMetrics(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    byte[] text = metrics.text().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(200, text.length == 0 ? -1 : text.length);
    exchange.getResponseBody().write(text);
    exchange.close();
  }

  private static InputStream body(HttpExchange exchange) throws IOException {
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    InputStream in = exchange.getRequestBody();
    return "gzip".equalsIgnoreCase(encoding) ? new GZIPInputStream(in) : in;
  }

  private static void answer(HttpExchange exchange, int status) throws IOException {
    exchange.getRequestBody().readAllBytes();
    // an empty Export...ServiceResponse: nothing rejected
    exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
