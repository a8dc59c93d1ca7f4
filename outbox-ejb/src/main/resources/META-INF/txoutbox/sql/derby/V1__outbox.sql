--liquibase formatted sql
--changeset txoutbox:1
-- txoutbox schema, Apache Derby (10.16). A Flyway migration (V1__outbox.sql) and a Liquibase
-- formatted-SQL changelog at once.
-- payload is a VARCHAR: a Derby CLOB is much slower to read and write.
-- seq is the event's number within its ordering key (0 without a key); no identity column: Derby's
-- identity generator fails under concurrent inserts (40XL1, "too much contention").
CREATE TABLE outbox_message (
  id              VARCHAR(36)    NOT NULL,
  seq             BIGINT         DEFAULT 0 NOT NULL,
  event_type      VARCHAR(200)   NOT NULL,
  aggregate_type  VARCHAR(200),
  aggregate_id    VARCHAR(200),
  ordering_key    VARCHAR(200),
  destination     VARCHAR(200)   NOT NULL,
  payload         VARCHAR(32672) NOT NULL,
  headers         VARCHAR(4000),
  idempotency_key VARCHAR(200),
  status          VARCHAR(16)    NOT NULL,
  attempts        INTEGER        DEFAULT 0 NOT NULL,
  next_attempt_at TIMESTAMP      NOT NULL,
  claimed_by      VARCHAR(100),
  lease_until     TIMESTAMP,
  last_error      VARCHAR(2000),
  skip_reason     VARCHAR(2000),
  created_at      TIMESTAMP      NOT NULL,
  sent_at         TIMESTAMP,
  -- the W3C trace context of the publishing span, sent as the traceparent property
  traceparent     VARCHAR(55),
  CONSTRAINT outbox_message_pk PRIMARY KEY (id),
  CONSTRAINT outbox_message_idempotency UNIQUE (idempotency_key)
);
-- the relay's claim: due pending rows, oldest first
CREATE INDEX outbox_message_due ON outbox_message (status, next_attempt_at, created_at);
-- the head-of-key check: earlier pending or dead rows of the same key
CREATE INDEX outbox_message_key ON outbox_message (ordering_key, seq, status);
CREATE INDEX outbox_message_claim ON outbox_message (claimed_by);
-- the retention purge and the operator's lists
CREATE INDEX outbox_message_status ON outbox_message (status, sent_at, created_at);

-- One row per ordering key. A publish increments its key's version and stores it as the event's seq:
-- the row stays locked until commit, so per key, seq order is commit order.
CREATE TABLE outbox_key (
  ordering_key VARCHAR(200) NOT NULL,
  version      BIGINT       DEFAULT 0 NOT NULL,
  CONSTRAINT outbox_key_pk PRIMARY KEY (ordering_key)
);

-- The consumers' inbox: which consumer has processed which event.
CREATE TABLE outbox_inbox (
  consumer    VARCHAR(200) NOT NULL,
  event_id    VARCHAR(36)  NOT NULL,
  received_at TIMESTAMP    NOT NULL,
  CONSTRAINT outbox_inbox_pk PRIMARY KEY (consumer, event_id)
);
CREATE INDEX outbox_inbox_received ON outbox_inbox (received_at);
