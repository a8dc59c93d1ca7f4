package dev.txoutbox.internal.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenTelemetryTracingTest {
  private final List<SpanData> ended = new CopyOnWriteArrayList<>();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(collect())).build();
  private final Tracer tracer = provider.get("test");
  private final OpenTelemetryTracing tracing = new OpenTelemetryTracing(provider.get("txoutbox"));

  @AfterEach
  void close() {
    provider.close();
  }

  @Test
  void traceparentIsTheActiveSpansW3cContext() {
    Span publisher = tracer.spanBuilder("publish").startSpan();
    try (Scope scope = publisher.makeCurrent()) {
      SpanContext context = publisher.getSpanContext();
      assertThat(tracing.traceparent())
          .contains("00-" + context.getTraceId() + "-" + context.getSpanId() + "-01");
    } finally {
      publisher.end();
    }
  }

  @Test
  void noActiveSpanNoTraceparent() {
    assertThat(tracing.traceparent()).isEmpty();
  }

  @Test
  void sendIsARootProducerSpanLinkedToThePublisher() {
    Span publisher = tracer.spanBuilder("publish").startSpan();
    SpanContext published = publisher.getSpanContext();
    String traceparent;
    // the relay's wake-up may run where the publisher's context is still current
    try (Scope scope = publisher.makeCurrent()) {
      traceparent = tracing.traceparent().orElseThrow();
      tracing.sending("e-1", "orders", traceparent).close();
    }
    publisher.end();

    SpanData send = sendSpan();
    assertThat(send.getName()).isEqualTo("send orders");
    assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
    assertThat(send.getParentSpanContext().isValid()).isFalse();
    assertThat(send.getTraceId()).isNotEqualTo(published.getTraceId());
    assertThat(send.getLinks())
        .extracting(LinkData::getSpanContext)
        .extracting(SpanContext::getTraceId, SpanContext::getSpanId)
        .containsExactly(tuple(published.getTraceId(), published.getSpanId()));
    assertThat(send.getAttributes().get(AttributeKey.stringKey("messaging.system")))
        .isEqualTo("jms");
    assertThat(send.getAttributes().get(AttributeKey.stringKey("messaging.operation")))
        .isEqualTo("publish");
    assertThat(send.getAttributes().get(AttributeKey.stringKey("messaging.destination.name")))
        .isEqualTo("orders");
    assertThat(send.getAttributes().get(AttributeKey.stringKey("messaging.message.id")))
        .isEqualTo("e-1");
    assertThat(send.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void sendWithoutTraceparentHasNoLink() {
    tracing.sending("e-2", "orders", null).close();

    assertThat(sendSpan().getLinks()).isEmpty();
  }

  @Test
  void malformedTraceparentIsNoLink() {
    tracing.sending("e-3", "orders", "00-not-a-trace-01").close();
    tracing.sending("e-4", "orders", "00-" + "0".repeat(32) + "-" + "0".repeat(16) + "-01").close();

    assertThat(ended).hasSize(2).allSatisfy(span -> assertThat(span.getLinks()).isEmpty());
  }

  @Test
  void failedSendIsAnError() {
    try (Tracing.SendSpan span = tracing.sending("e-5", "orders", null)) {
      span.failed(new IllegalStateException("queue full"));
    }

    SpanData send = sendSpan();
    assertThat(send.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(send.getEvents()).extracting(event -> event.getName()).contains("exception");
  }

  @Test
  void storedTraceparentParsesBackToThePublisher() {
    SpanContext parsed =
        OpenTelemetryTracing.publisher("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

    assertThat(parsed.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(parsed.getSpanId()).isEqualTo("b7ad6b7169203331");
    assertThat(parsed.isSampled()).isTrue();
    assertThat(parsed.isRemote()).isTrue();
  }

  private SpanData sendSpan() {
    assertThat(ended).hasSize(1);
    return ended.get(0);
  }

  private SpanExporter collect() {
    return new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        spans.stream().filter(s -> s.getKind() == SpanKind.PRODUCER).forEach(ended::add);
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    };
  }
}
