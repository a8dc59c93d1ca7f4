package dev.txoutbox.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * An OpenTelemetry collector in the test JVM: takes OTLP over HTTP with protobuf on a free port,
 * keeps the spans it receives, and serves the last value of each metric series at /metrics in the
 * Prometheus text format, named as the OpenTelemetry Collector's Prometheus exporter names them
 * (dots to underscores, the unit "s" as _seconds, _total on monotonic sums; histograms as _count,
 * _sum and cumulative _bucket series).
 */
final class OtlpCollector implements AutoCloseable {
  private final HttpServer server;
  private final List<Span> spans = new CopyOnWriteArrayList<>();
  // series (name and labels) to its last value
  private final Map<String, Double> series = new ConcurrentSkipListMap<>();

  private OtlpCollector(HttpServer server) {
    this.server = server;
  }

  static OtlpCollector start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    OtlpCollector collector = new OtlpCollector(server);
    server.createContext("/v1/traces", collector::traces);
    server.createContext("/v1/metrics", collector::metrics);
    server.createContext("/metrics", collector::prometheus);
    // anything else an exporter might send is taken and dropped
    server.createContext("/", exchange -> answer(exchange, 200));
    server.start();
    return collector;
  }

  /** The endpoint for {@code otel.exporter.otlp.endpoint}. */
  String endpoint() {
    return "http://localhost:" + server.getAddress().getPort();
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
      ExportMetricsServiceRequest request = ExportMetricsServiceRequest.parseFrom(body);
      for (ResourceMetrics resource : request.getResourceMetricsList()) {
        for (ScopeMetrics scope : resource.getScopeMetricsList()) {
          scope.getMetricsList().forEach(this::keep);
        }
      }
      answer(exchange, 200);
    } catch (IOException | RuntimeException e) {
      answer(exchange, 400);
      throw e;
    }
  }

  private void keep(Metric metric) {
    String name =
        metric.getName().replace('.', '_') + ("s".equals(metric.getUnit()) ? "_seconds" : "");
    switch (metric.getDataCase()) {
      case SUM -> {
        String suffix = metric.getSum().getIsMonotonic() ? "_total" : "";
        for (NumberDataPoint point : metric.getSum().getDataPointsList()) {
          series.put(name + suffix + labels(point.getAttributesList(), Map.of()), value(point));
        }
      }
      case GAUGE -> {
        for (NumberDataPoint point : metric.getGauge().getDataPointsList()) {
          series.put(name + labels(point.getAttributesList(), Map.of()), value(point));
        }
      }
      case HISTOGRAM -> {
        for (HistogramDataPoint point : metric.getHistogram().getDataPointsList()) {
          String labels = labels(point.getAttributesList(), Map.of());
          series.put(name + "_count" + labels, (double) point.getCount());
          series.put(name + "_sum" + labels, point.getSum());
          long cumulative = 0;
          for (int i = 0; i < point.getBucketCountsCount(); i++) {
            cumulative += point.getBucketCounts(i);
            String le =
                i < point.getExplicitBoundsCount()
                    ? String.valueOf(point.getExplicitBounds(i))
                    : "+Inf";
            series.put(
                name + "_bucket" + labels(point.getAttributesList(), Map.of("le", le)),
                (double) cumulative);
          }
        }
      }
      default -> {
        // other kinds: the component has none
      }
    }
  }

  private static double value(NumberDataPoint point) {
    return point.getValueCase() == NumberDataPoint.ValueCase.AS_INT
        ? point.getAsInt()
        : point.getAsDouble();
  }

  private static String labels(List<KeyValue> attributes, Map<String, String> extra) {
    Map<String, String> labels = new TreeMap<>(extra);
    attributes.forEach(a -> labels.put(a.getKey(), a.getValue().getStringValue()));
    return labels.entrySet().stream()
        .map(l -> l.getKey() + "=\"" + l.getValue() + "\"")
        .collect(Collectors.joining(",", "{", "}"));
  }

  private void prometheus(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    byte[] text =
        series.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue() + "\n")
            .collect(Collectors.joining())
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
    exchange.sendResponseHeaders(200, text.length);
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
    // an empty ExportTraceServiceResponse: nothing rejected
    exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
