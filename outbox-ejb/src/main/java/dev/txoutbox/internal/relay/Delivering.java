package dev.txoutbox.internal.relay;

import java.util.List;
import java.util.Set;

/**
 * Fired synchronously when the relay starts to deliver a claimed batch, before its JMS transaction
 * begins (in exactly-once mode, before the rows are marked). Meant for fault injection in tests: a
 * relay held here is one whose lease may run out before it goes on; an application has no reason to
 * observe it.
 */
public record Delivering(List<String> eventIds, Set<String> eventTypes) {}
