package dev.txoutbox.bench.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The driver's handle on the server: {@code /bench/api}. */
@ApplicationPath("api")
public class BenchApplication extends Application {}
