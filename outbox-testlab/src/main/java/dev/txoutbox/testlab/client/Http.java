package dev.txoutbox.testlab.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP calls from a test to a server: paths below a base address, a JSON body where there is one
 * (another type by its header), Basic credentials where the call needs them, the values of a query
 * encoded (instants carry {@code :} and {@code +}). HTTP/1.1: Liberty's HTTP/2 upgrade path has
 * failed requests under parallel load (an NPE in its inbound channel, GOAWAY at the client). An I/O
 * failure is thrown as an {@link UncheckedIOException}, whose cause tells a refused connection from
 * a timeout.
 */
public final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final URI base;
  private final Map<String, String> headers;
  private final Duration timeout;

  private Http(URI base, Map<String, String> headers, Duration timeout) {
    this.base = base;
    this.headers = Map.copyOf(headers);
    this.timeout = timeout;
  }

  /** Calls to paths below {@code base}, without credentials, each answered within a minute. */
  public static Http to(URI base) {
    return new Http(base, Map.of(), Duration.ofMinutes(1));
  }

  /** The same calls with Basic credentials. */
  public Http as(String user, String password) {
    String credentials = user + ":" + password;
    return with(
        "Authorization",
        "Basic "
            + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
  }

  /** The same calls with a header, such as {@code Accept}, or a body's {@code Content-Type}. */
  public Http with(String header, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(header, value);
    return new Http(base, more, timeout);
  }

  /** The same calls, each answered within {@code timeout}. */
  public Http within(Duration timeout) {
    return new Http(base, headers, timeout);
  }

  /** The address of {@code path}, relative to the base unless it starts with {@code /}. */
  public URI uri(String path) {
    return base.resolve(encodeQuery(path));
  }

  public HttpResponse<String> get(String path) {
    return send("GET", path, null);
  }

  public HttpResponse<String> post(String path) {
    return send("POST", path, null);
  }

  public HttpResponse<String> put(String path) {
    return send("PUT", path, null);
  }

  public HttpResponse<String> delete(String path) {
    return send("DELETE", path, null);
  }

  /** {@code method} on {@code path} with {@code body} (JSON by default), or none if it is null. */
  public HttpResponse<String> send(String method, String path, String body) {
    try {
      return CLIENT.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + uri(path) + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " " + uri(path) + " was interrupted", e);
    }
  }

  /** {@link #send} without waiting for the answer, for calls in parallel. */
  public CompletableFuture<HttpResponse<String>> sendAsync(
      String method, String path, String body) {
    return CLIENT.sendAsync(request(method, path, body), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .timeout(timeout)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null && !headers.containsKey("Content-Type")) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    return request.build();
  }

  private static String encodeQuery(String path) {
    int question = path.indexOf('?');
    if (question < 0) {
      return path;
    }
    StringBuilder query = new StringBuilder();
    for (String pair : path.substring(question + 1).split("&")) {
      int equals = pair.indexOf('=');
      query
          .append(query.length() == 0 ? "" : "&")
          .append(pair, 0, equals + 1)
          .append(URLEncoder.encode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    return path.substring(0, question + 1) + query;
  }
}
