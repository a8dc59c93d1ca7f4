package ${package};

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API, under /orders/api. */
@ApplicationPath("api")
public class OrdersApplication extends Application {}
