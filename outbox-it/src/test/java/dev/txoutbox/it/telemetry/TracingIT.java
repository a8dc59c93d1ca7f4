package dev.txoutbox.it.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.txoutbox.it.deployment.Deployments;
import dev.txoutbox.testlab.client.Http;
import dev.txoutbox.testlab.client.JsonText;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Trace propagation on a real server with MicroProfile Telemetry turned on for the test application
 * alone: the publishing span's context travels as {@code traceparent}, and each send is a producer
 * span, exported over OTLP to a collector in this JVM, linked to the publishing span.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TracingIT {
  private static final Http HTTP =
      Http.to(
          URI.create(
              "http://localhost:"
                  + System.getProperty("it.http.port", "9180")
                  + "/outbox-test/api/"));
  private static final Duration EXPORT = Duration.ofSeconds(30);

  private static OtlpCollector collector;

  @Deployment(testable = false)
  static Archive<?> deployment() throws IOException {
    collector = OtlpCollector.start();
    return Deployments.componentWithConfig(
        "otel.sdk.disabled=false\n"
            + "otel.service.name=txoutbox-tracing-it\n"
            + "otel.traces.exporter=otlp\n"
            + "otel.metrics.exporter=none\n"
            + "otel.logs.exporter=none\n"
            + "otel.exporter.otlp.protocol=http/protobuf\n"
            + "otel.exporter.otlp.endpoint="
            + collector.endpoint()
            + "\n"
            + "otel.bsp.schedule.delay=100\n",
        TracingApplication.class,
        TracingResource.class);
  }

  @AfterAll
  static void stopCollector() {
    if (collector != null) {
      collector.close();
    }
  }

  @Test
  void publishInsideASpanSendsItsTraceparentAndALinkedProducerSpan() throws Exception {
    JsonObject published = post("tracing/traced");
    String eventId = published.getString("eventId");
    String traceId = published.getString("traceId");
    String spanId = published.getString("spanId");

    assertThat(received(eventId).getString("traceparent"))
        .isEqualTo("00-" + traceId + "-" + spanId + "-01");

    Span send = producerSpanOf(eventId);
    assertThat(send.getName()).isEqualTo("send events");
    assertThat(send.getParentSpanId().isEmpty())
        .as("a root span, not the publisher's child")
        .isTrue();
    assertThat(hex(send.getTraceId())).isNotEqualTo(traceId);
    assertThat(send.getLinksList())
        .extracting(link -> hex(link.getTraceId()) + "/" + hex(link.getSpanId()))
        .containsExactly(traceId + "/" + spanId);
    assertThat(attributes(send))
        .containsEntry("messaging.system", "jms")
        .containsEntry("messaging.operation", "publish")
        .containsEntry("messaging.destination.name", "events")
        .containsEntry("messaging.message.id", eventId);
  }

  @Test
  void publishWithoutASpanSendsNoTraceparent() throws Exception {
    String eventId = post("tracing/untraced").getString("eventId");

    assertThat(received(eventId).isNull("traceparent")).isTrue();
    assertThat(producerSpanOf(eventId).getLinksList()).isEmpty();
  }

  /** Waits for the exported producer span of the event's send. */
  private static Span producerSpanOf(String eventId) {
    return await()
        .atMost(EXPORT)
        .until(
            () ->
                collector.spans().stream()
                    .filter(span -> span.getKind() == Span.SpanKind.SPAN_KIND_PRODUCER)
                    .filter(span -> eventId.equals(attributes(span).get("messaging.message.id")))
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  private static Map<String, String> attributes(Span span) {
    return span.getAttributesList().stream()
        .collect(
            Collectors.toMap(KeyValue::getKey, a -> a.getValue().getStringValue(), (a, b) -> a));
  }

  private static String hex(ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }

  private static JsonObject post(String path) throws Exception {
    HttpResponse<String> response = HTTP.post(path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JsonText.object(response.body());
  }

  private static JsonObject received(String eventId) throws Exception {
    HttpResponse<String> response = HTTP.get("tracing/received/" + eventId);
    assertThat(response.statusCode()).as("event " + eventId + " reached the queue").isEqualTo(200);
    return JsonText.object(response.body());
  }
}
