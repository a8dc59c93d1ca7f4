--liquibase formatted sql
--changeset txoutbox:1
-- txoutbox schema, H2 2.x. UNTESTED: written from H2's documentation; the component does not run on
-- H2 yet (its start-up check refuses it). A Flyway migration and a Liquibase formatted-SQL changelog
-- at once.
CREATE TABLE outbox_message (
  id              VARCHAR(36)    NOT NULL,
  seq             BIGINT         DEFAULT 0 NOT NULL,
  event_type      VARCHAR(200)   NOT NULL,
  aggregate_type  VARCHAR(200),
  aggregate_id    VARCHAR(200),
  ordering_key    VARCHAR(200),
  destination     VARCHAR(200)   NOT NULL,
  payload         CHARACTER LARGE OBJECT NOT NULL,
  headers         VARCHAR(4000),
  idempotency_key VARCHAR(200),
  status          VARCHAR(16)    NOT NULL,
  attempts        INTEGER        DEFAULT 0 NOT NULL,
  next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
  claimed_by      VARCHAR(100),
  lease_until     TIMESTAMP WITH TIME ZONE,
  last_error      VARCHAR(2000),
  skip_reason     VARCHAR(2000),
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  sent_at         TIMESTAMP WITH TIME ZONE,
  traceparent     VARCHAR(55),
  CONSTRAINT outbox_message_pk PRIMARY KEY (id),
  CONSTRAINT outbox_message_idempotency UNIQUE (idempotency_key)
);
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
  received_at TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT outbox_inbox_pk PRIMARY KEY (consumer, event_id)
);
CREATE INDEX outbox_inbox_received ON outbox_inbox (received_at);
