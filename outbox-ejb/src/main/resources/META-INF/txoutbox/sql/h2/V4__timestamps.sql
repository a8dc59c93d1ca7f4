--liquibase formatted sql
--changeset txoutbox:4
-- txoutbox schema V4, H2 only: every time becomes a TIMESTAMP without time zone, as on Derby, in
-- the application server's time zone (run every server of one outbox in the same one). H2's driver
-- reads a TIMESTAMP WITH TIME ZONE as an OffsetDateTime, which the component's mapping on
-- EclipseLink (Open Liberty) cannot take. Each stored time keeps its instant. Apply it after the
-- earlier ones: it is a Flyway migration (V4__timestamps.sql) and a Liquibase formatted-SQL
-- change set at once.
ALTER TABLE outbox_message ALTER COLUMN next_attempt_at SET DATA TYPE TIMESTAMP(6);
ALTER TABLE outbox_message ALTER COLUMN lease_until SET DATA TYPE TIMESTAMP(6);
ALTER TABLE outbox_message ALTER COLUMN created_at SET DATA TYPE TIMESTAMP(6);
ALTER TABLE outbox_message ALTER COLUMN sent_at SET DATA TYPE TIMESTAMP(6);
ALTER TABLE outbox_key ALTER COLUMN used_at SET DATA TYPE TIMESTAMP(6);
ALTER TABLE outbox_inbox ALTER COLUMN received_at SET DATA TYPE TIMESTAMP(6);
