package dev.txoutbox.it.telemetry;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;

/**
 * The metrics an {@link OtlpCollector} received, each as its latest export had it, written in the
 * shape of Prometheus's text format under their OpenTelemetry names (dots kept, no unit suffix):
 * {@code # TYPE name counter|updowncounter|gauge|histogram} and {@code # UNIT name unit}, then one
 * line per data point with its attributes as labels; a histogram as {@code name_count}, {@code
 * name_sum} and cumulative {@code name_bucket} lines with {@code le} (its explicit bounds and
 * {@code +Inf}). A sum of delta temporality (its values are not totals) is a {@code delta-counter}
 * or {@code delta-updowncounter}.
 */
final class ReceivedMetrics {
  private final Map<String, String> latest = new ConcurrentSkipListMap<>();

  void add(ExportMetricsServiceRequest request) {
    for (ResourceMetrics resource : request.getResourceMetricsList()) {
      for (ScopeMetrics scope : resource.getScopeMetricsList()) {
        for (Metric metric : scope.getMetricsList()) {
          latest.put(metric.getName(), text(metric));
        }
      }
    }
  }

  /** Every metric received, in the text form above. */
  String text() {
    return String.join("", latest.values());
  }

  private static String text(Metric metric) {
    String name = metric.getName();
    List<String> lines = new ArrayList<>();
    switch (metric.getDataCase()) {
      case SUM -> {
        String type = metric.getSum().getIsMonotonic() ? "counter" : "updowncounter";
        boolean delta =
            metric.getSum().getAggregationTemporality()
                == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
        lines.add("# TYPE " + name + " " + (delta ? "delta-" + type : type));
        metric.getSum().getDataPointsList().forEach(p -> lines.add(number(name, p)));
      }
      case GAUGE -> {
        lines.add("# TYPE " + name + " gauge");
        metric.getGauge().getDataPointsList().forEach(p -> lines.add(number(name, p)));
      }
      case HISTOGRAM -> {
        lines.add("# TYPE " + name + " histogram");
        metric.getHistogram().getDataPointsList().forEach(p -> histogram(name, p, lines));
      }
      default -> lines.add("# TYPE " + name + " " + metric.getDataCase());
    }
    lines.add(1, "# UNIT " + name + " " + metric.getUnit());
    return lines.stream().map(l -> l + "\n").collect(Collectors.joining());
  }

  private static String number(String name, NumberDataPoint point) {
    double value =
        point.getValueCase() == NumberDataPoint.ValueCase.AS_INT
            ? point.getAsInt()
            : point.getAsDouble();
    return name + labels(point.getAttributesList(), Map.of()) + " " + value;
  }

  private static void histogram(String name, HistogramDataPoint point, List<String> lines) {
    String labels = labels(point.getAttributesList(), Map.of());
    lines.add(name + "_count" + labels + " " + point.getCount());
    lines.add(name + "_sum" + labels + " " + point.getSum());
    long cumulative = 0;
    for (int i = 0; i < point.getBucketCountsCount(); i++) {
      cumulative += point.getBucketCounts(i);
      String le =
          i < point.getExplicitBoundsCount() ? Double.toString(point.getExplicitBounds(i)) : "+Inf";
      lines.add(
          name
              + "_bucket"
              + labels(point.getAttributesList(), Map.of("le", le))
              + " "
              + cumulative);
    }
  }

  private static String labels(List<KeyValue> attributes, Map<String, String> more) {
    Map<String, String> labels = new TreeMap<>(more);
    attributes.forEach(a -> labels.put(a.getKey(), value(a.getValue())));
    return labels.entrySet().stream()
        .map(l -> l.getKey() + "=\"" + l.getValue() + "\"")
        .collect(Collectors.joining(",", "{", "}"));
  }

  private static String value(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case INT_VALUE -> Long.toString(value.getIntValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      default -> value.toString().strip();
    };
  }
}
