--liquibase formatted sql
--changeset txoutbox:1
-- txoutbox schema, IBM Db2 for LUW 11.5. UNTESTED: written from IBM's documentation; the component
-- does not run on Db2 yet (its start-up check refuses it). A Flyway migration and a Liquibase
-- formatted-SQL changelog at once.
CREATE TABLE outbox_message (
  id              VARCHAR(36)    NOT NULL,
  seq             BIGINT         DEFAULT 0 NOT NULL,
  event_type      VARCHAR(200)   NOT NULL,
  aggregate_type  VARCHAR(200),
  aggregate_id    VARCHAR(200),
  ordering_key    VARCHAR(200),
  destination     VARCHAR(200)   NOT NULL,
  payload         CLOB(16M)      NOT NULL,
  headers         VARCHAR(4000),
  idempotency_key VARCHAR(200),
  status          VARCHAR(16)    NOT NULL,
  attempts        INTEGER        DEFAULT 0 NOT NULL,
  next_attempt_at TIMESTAMP(6)   NOT NULL,
  claimed_by      VARCHAR(100),
  lease_until     TIMESTAMP(6),
  last_error      VARCHAR(2000),
  skip_reason     VARCHAR(2000),
  created_at      TIMESTAMP(6)   NOT NULL,
  sent_at         TIMESTAMP(6),
  traceparent     VARCHAR(55),
  CONSTRAINT outbox_message_pk PRIMARY KEY (id)
);
-- unique where set (Db2 11.1 and newer: EXCLUDE NULL KEYS)
CREATE UNIQUE INDEX outbox_message_idempotency ON outbox_message (idempotency_key) EXCLUDE NULL KEYS;
CREATE INDEX outbox_message_due ON outbox_message (status, next_attempt_at, created_at);
CREATE INDEX outbox_message_key ON outbox_message (ordering_key, seq, status);
CREATE INDEX outbox_message_claim ON outbox_message (claimed_by);
CREATE INDEX outbox_message_status ON outbox_message (status, sent_at, created_at);

CREATE TABLE outbox_key (
  ordering_key VARCHAR(200) NOT NULL,
  version      BIGINT       DEFAULT 0 NOT NULL,
  CONSTRAINT outbox_key_pk PRIMARY KEY (ordering_key)
);

CREATE TABLE outbox_inbox (
  consumer    VARCHAR(200) NOT NULL,
  event_id    VARCHAR(36)  NOT NULL,
  received_at TIMESTAMP(6) NOT NULL,
  CONSTRAINT outbox_inbox_pk PRIMARY KEY (consumer, event_id)
);
CREATE INDEX outbox_inbox_received ON outbox_inbox (received_at);
