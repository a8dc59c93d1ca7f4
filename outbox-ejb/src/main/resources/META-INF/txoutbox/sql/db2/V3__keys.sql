--liquibase formatted sql
--changeset txoutbox:3
-- txoutbox schema V3: when each ordering key was last used, so that the retention job can purge
-- the rows of keys idle for outbox.retention.keys. Apply it after the earlier ones: it is a Flyway
-- migration (V3__keys.sql) and a Liquibase formatted-SQL changeset at once. Existing keys count as
-- used when it runs.
-- UNTESTED, like V1.
ALTER TABLE outbox_key ADD COLUMN used_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT TIMESTAMP;
