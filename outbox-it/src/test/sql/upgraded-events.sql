-- -Dit.schema: after Flyway or Liquibase upgraded the V1 tables that v1-events.sql filled, every
-- row is still there, each column as it was written, and the key has V3's used_at. A row lost or
-- changed leaves a count below its expected one, which the check constraint refuses: the build stops
-- before the servers start. Then the rows go, and the suite runs on the upgraded, empty tables.
-- Times are JDBC escapes, as in v1-events.sql.
CREATE TABLE txoutbox_upgrade_check (
  what     VARCHAR(100) NOT NULL,
  kept     INTEGER      NOT NULL,
  expected INTEGER      NOT NULL,
  CONSTRAINT txoutbox_upgrade_check_kept CHECK (kept = expected)
);
INSERT INTO txoutbox_upgrade_check (what, kept, expected)
SELECT 'outbox_message: the V1 events, unchanged', COUNT(*), 3 FROM outbox_message WHERE
  (id = '00000000-0000-0000-0000-00000000a001' AND seq = 1 AND event_type = 'UserRegistered'
    AND aggregate_type = 'User' AND aggregate_id = '42' AND ordering_key = 'upgrade-42'
    AND destination = 'events' AND payload = '{"name":"Ada"}' AND headers = '{"tenant":"t1"}'
    AND idempotency_key = 'upgrade-register-42' AND status = 'SENT' AND attempts = 1
    AND next_attempt_at = {ts '2026-03-01 10:15:30.123456'} AND claimed_by IS NULL
    AND lease_until IS NULL AND last_error IS NULL AND skip_reason IS NULL
    AND created_at = {ts '2026-03-01 10:15:30.123456'}
    AND sent_at = {ts '2026-03-01 10:15:31.654321'}
    AND traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01')
  OR (id = '00000000-0000-0000-0000-00000000a002' AND seq = 2 AND event_type = 'UserRenamed'
    AND aggregate_type = 'User' AND aggregate_id = '42' AND ordering_key = 'upgrade-42'
    AND destination = 'events' AND payload = '{"name":"Ada L."}' AND headers IS NULL
    AND idempotency_key IS NULL AND status = 'PENDING' AND attempts = 2
    AND next_attempt_at = {ts '2026-03-01 10:15:31.654321'} AND claimed_by = 'node-a'
    AND lease_until = {ts '2026-03-01 10:15:31.654321'} AND last_error = 'broker down'
    AND skip_reason IS NULL AND created_at = {ts '2026-03-01 10:15:30.123456'}
    AND sent_at IS NULL AND traceparent IS NULL)
  OR (id = '00000000-0000-0000-0000-00000000a003' AND seq = 0 AND event_type = 'Audit'
    AND aggregate_type IS NULL AND aggregate_id IS NULL AND ordering_key IS NULL
    AND destination = 'audit' AND payload = '{}' AND headers IS NULL AND idempotency_key IS NULL
    AND status = 'DEAD' AND attempts = 10
    AND next_attempt_at = {ts '2026-03-01 10:15:30.123456'} AND claimed_by IS NULL
    AND lease_until IS NULL AND last_error = 'queue full' AND skip_reason = 'operator: ignore'
    AND created_at = {ts '2026-03-01 10:15:30.123456'} AND sent_at IS NULL
    AND traceparent IS NULL);
INSERT INTO txoutbox_upgrade_check (what, kept, expected)
SELECT 'outbox_key: the V1 key, with used_at (V3)', COUNT(*), 1 FROM outbox_key
  WHERE ordering_key = 'upgrade-42' AND version = 2 AND used_at IS NOT NULL;
INSERT INTO txoutbox_upgrade_check (what, kept, expected)
SELECT 'outbox_inbox: the V1 inbox row, unchanged', COUNT(*), 1 FROM outbox_inbox
  WHERE consumer = 'upgrade-check' AND event_id = '00000000-0000-0000-0000-00000000a001'
    AND received_at = {ts '2026-03-01 10:15:31.654321'};
DROP TABLE txoutbox_upgrade_check;
DELETE FROM outbox_inbox WHERE consumer = 'upgrade-check';
DELETE FROM outbox_key WHERE ordering_key = 'upgrade-42';
DELETE FROM outbox_message WHERE id IN ('00000000-0000-0000-0000-00000000a001',
  '00000000-0000-0000-0000-00000000a002', '00000000-0000-0000-0000-00000000a003');
