-- -Dit.schema: events written while the outbox tables are at V1, the first shipped version, before
-- Flyway or Liquibase upgrades them to the latest (outbox-it/pom.xml). A PENDING, a SENT and a DEAD
-- event, every V1 column set somewhere, with their key and an inbox row. upgraded-events.sql checks
-- them after the upgrade and deletes them, so that the suite starts on empty tables. Times are JDBC
-- escapes ({ts '...'}), which sql-maven-plugin's JDBC statements turn into each database's literal:
-- Derby has no TIMESTAMP '...' literal.
INSERT INTO outbox_message (id, seq, event_type, aggregate_type, aggregate_id, ordering_key,
  destination, payload, headers, idempotency_key, status, attempts, next_attempt_at, claimed_by,
  lease_until, last_error, skip_reason, created_at, sent_at, traceparent)
VALUES ('00000000-0000-0000-0000-00000000a001', 1, 'UserRegistered', 'User', '42', 'upgrade-42',
  'events', '{"name":"Ada"}', '{"tenant":"t1"}', 'upgrade-register-42', 'SENT', 1,
  {ts '2026-03-01 10:15:30.123456'}, NULL, NULL, NULL, NULL,
  {ts '2026-03-01 10:15:30.123456'}, {ts '2026-03-01 10:15:31.654321'},
  '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
INSERT INTO outbox_message (id, seq, event_type, aggregate_type, aggregate_id, ordering_key,
  destination, payload, headers, idempotency_key, status, attempts, next_attempt_at, claimed_by,
  lease_until, last_error, skip_reason, created_at, sent_at, traceparent)
VALUES ('00000000-0000-0000-0000-00000000a002', 2, 'UserRenamed', 'User', '42', 'upgrade-42',
  'events', '{"name":"Ada L."}', NULL, NULL, 'PENDING', 2,
  {ts '2026-03-01 10:15:31.654321'}, 'node-a', {ts '2026-03-01 10:15:31.654321'},
  'broker down', NULL, {ts '2026-03-01 10:15:30.123456'}, NULL, NULL);
INSERT INTO outbox_message (id, seq, event_type, aggregate_type, aggregate_id, ordering_key,
  destination, payload, headers, idempotency_key, status, attempts, next_attempt_at, claimed_by,
  lease_until, last_error, skip_reason, created_at, sent_at, traceparent)
VALUES ('00000000-0000-0000-0000-00000000a003', 0, 'Audit', NULL, NULL, NULL,
  'audit', '{}', NULL, NULL, 'DEAD', 10,
  {ts '2026-03-01 10:15:30.123456'}, NULL, NULL,
  'queue full', 'operator: ignore', {ts '2026-03-01 10:15:30.123456'}, NULL, NULL);
INSERT INTO outbox_key (ordering_key, version) VALUES ('upgrade-42', 2);
INSERT INTO outbox_inbox (consumer, event_id, received_at)
VALUES ('upgrade-check', '00000000-0000-0000-0000-00000000a001', {ts '2026-03-01 10:15:31.654321'});
