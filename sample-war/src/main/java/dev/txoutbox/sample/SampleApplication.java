package dev.txoutbox.sample;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The sample's REST API, under /sample/api. */
@ApplicationPath("api")
public class SampleApplication extends Application {}
