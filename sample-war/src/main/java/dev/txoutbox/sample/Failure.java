package dev.txoutbox.sample;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the API answers when it refuses or fails a request: what went wrong, or how to fix it. */
public record Failure(@Schema(required = true) String message) {}
