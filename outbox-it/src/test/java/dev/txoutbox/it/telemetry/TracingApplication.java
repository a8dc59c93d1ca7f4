package dev.txoutbox.it.telemetry;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** TracingIT's REST root in the test web module: /outbox-test/api. */
@ApplicationPath("api")
public class TracingApplication extends Application {}
