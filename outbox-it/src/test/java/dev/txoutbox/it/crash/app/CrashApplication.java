package dev.txoutbox.it.crash.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The crash test application's REST root: /crash/api. */
@ApplicationPath("api")
public class CrashApplication extends Application {}
