package ${package};

import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.math.BigDecimal;

/**
 * POST /orders/api/orders places an order ({"item": "book", "quantity": 2}); GET
 * /orders/api/orders/{id} answers it, with "shipped" once the Shipping MDB has consumed its event.
 * A bad body answers 400 with {"message": ...} naming the fix; nothing is stored.
 */
@Path("orders")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {
  private static final String EXAMPLE = "{\"item\": \"book\", \"quantity\": 2}";

  @EJB Orders orders;

  @POST
  public Response place(String body, @Context UriInfo uri) {
    try {
      JsonObject request = parse(body);
      Order order = orders.place(item(request), quantity(request));
      return Response.created(uri.getAbsolutePathBuilder().path(order.getId()).build())
          .entity(json(order))
          .build();
    } catch (OrderRejected e) {
      return Response.status(Response.Status.BAD_REQUEST)
          .entity(Json.createObjectBuilder().add("message", e.getMessage()).build())
          .build();
    }
  }

  @GET
  @Path("{id}")
  public Response order(@PathParam("id") String id) {
    return orders
        .find(id)
        .map(o -> Response.ok(json(o)))
        .orElseGet(() -> Response.status(Response.Status.NOT_FOUND))
        .build();
  }

  private JsonObject json(Order order) {
    return Json.createObjectBuilder()
        .add("id", order.getId())
        .add("item", order.getItem())
        .add("quantity", order.getQuantity())
        .add("shipped", orders.shipped(order.getId()))
        .build();
  }

  private static JsonObject parse(String body) {
    if (body == null || body.isBlank()) {
      throw new OrderRejected("the body is empty: send " + EXAMPLE);
    }
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      JsonValue value = reader.readValue();
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        throw new OrderRejected("the body is not a JSON object: send " + EXAMPLE);
      }
      return value.asJsonObject();
    } catch (JsonException e) {
      throw new OrderRejected("the body is not valid JSON: send " + EXAMPLE);
    }
  }

  private static String item(JsonObject request) {
    JsonValue item = request.get("item");
    if (item == null || item.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (item.getValueType() != JsonValue.ValueType.STRING) {
      throw new OrderRejected("item must be a JSON string, as in " + EXAMPLE);
    }
    return ((JsonString) item).getString();
  }

  private static int quantity(JsonObject request) {
    JsonValue quantity = request.get("quantity");
    if (quantity == null
        || quantity.getValueType() != JsonValue.ValueType.NUMBER
        || !((JsonNumber) quantity).isIntegral()
        || ((JsonNumber) quantity).bigDecimalValue().abs().compareTo(BigDecimal.valueOf(1000)) > 0) {
      throw new OrderRejected("quantity must be a whole number from 1 to 1000, as in " + EXAMPLE);
    }
    return ((JsonNumber) quantity).intValue();
  }
}
