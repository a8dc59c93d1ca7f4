package dev.txoutbox.internal.relay;

import java.util.List;

/**
 * Fired synchronously once the relay has handed events to the broker and before that is recorded on
 * their rows: in at-least-once mode after the broker committed them and before the rows are marked,
 * in exactly-once mode after the sends and before the one commit of sends and marks. Meant for
 * fault injection in tests (a crash here is the window each mode handles differently); an
 * application has no reason to observe it.
 */
public record Handoff(List<String> eventIds) {}
