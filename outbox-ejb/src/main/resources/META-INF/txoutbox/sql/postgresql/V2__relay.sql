--liquibase formatted sql
--changeset txoutbox:2
-- txoutbox schema V2, PostgreSQL: for the relay's one-statement claim. A Flyway migration
-- (V2__relay.sql) and a Liquibase formatted-SQL changeset at once; apply it after V1.
-- The claim reads rows by the due and key indexes only; without an index on claimed_by, and with
-- room left in each page, setting a lease is a HOT update that writes no index entry.
DROP INDEX IF EXISTS outbox_message_claim;
ALTER TABLE outbox_message SET (fillfactor = 80);
-- Rows are inserted and deleted all day: vacuum and analyze the table after 2 % of it changed,
-- not the default 20 %, and without the cost delay, so that its indexes stay small and its
-- statistics fresh.
ALTER TABLE outbox_message SET (autovacuum_vacuum_scale_factor = 0.02,
  autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_cost_delay = 0);
ALTER TABLE outbox_key SET (fillfactor = 80);
