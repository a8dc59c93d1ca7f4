package dev.txoutbox.it.cluster;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The many-servers test application's REST root: /cluster/api. */
@ApplicationPath("api")
public class ClusterApplication extends Application {}
