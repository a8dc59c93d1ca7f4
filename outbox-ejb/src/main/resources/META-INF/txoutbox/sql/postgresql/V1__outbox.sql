--liquibase formatted sql
--changeset txoutbox:1
-- txoutbox schema, PostgreSQL (tested with 15). A Flyway migration (V1__outbox.sql) and a Liquibase
-- formatted-SQL changelog at once.
-- Times are TIMESTAMP WITH TIME ZONE, so servers in different time zones agree on them.
CREATE TABLE outbox_message (
  id              VARCHAR(36)   NOT NULL,
  seq             BIGINT        DEFAULT 0 NOT NULL,
  event_type      VARCHAR(200)  NOT NULL,
  aggregate_type  VARCHAR(200),
  aggregate_id    VARCHAR(200),
  ordering_key    VARCHAR(200),
  destination     VARCHAR(200)  NOT NULL,
  payload         TEXT          NOT NULL,
  headers         TEXT,
  idempotency_key VARCHAR(200),
  status          VARCHAR(16)   NOT NULL,
  attempts        INTEGER       DEFAULT 0 NOT NULL,
  next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
  claimed_by      VARCHAR(100),
  lease_until     TIMESTAMP WITH TIME ZONE,
  last_error      VARCHAR(2000),
  skip_reason     VARCHAR(2000),
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  sent_at         TIMESTAMP WITH TIME ZONE,
  -- the W3C trace context of the publishing span, sent as the traceparent property
  traceparent     VARCHAR(55),
  CONSTRAINT outbox_message_pk PRIMARY KEY (id)
);
-- Each index below is partial, so that a plain publish (no key, no idempotency key) updates two
-- indexes, not six: its cost is most of what the outbox adds to a business transaction.
-- a repeated idempotency key is refused
CREATE UNIQUE INDEX outbox_message_idempotency ON outbox_message (idempotency_key) WHERE idempotency_key IS NOT NULL;
-- the relay's claim: pending rows only, so SENT, DEAD and SKIPPED rows never slow it down
CREATE INDEX outbox_message_due ON outbox_message (next_attempt_at, created_at) WHERE status = 'PENDING';
-- the head-of-key check: earlier pending or dead rows of the same key
CREATE INDEX outbox_message_key ON outbox_message (ordering_key, seq) WHERE ordering_key IS NOT NULL AND status IN ('PENDING', 'DEAD');
CREATE INDEX outbox_message_claim ON outbox_message (claimed_by) WHERE claimed_by IS NOT NULL;
-- the retention purge and the operator's lists of dead and skipped events
CREATE INDEX outbox_message_status ON outbox_message (status, sent_at, created_at) WHERE status IN ('SENT', 'DEAD', 'SKIPPED');

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
  received_at TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT outbox_inbox_pk PRIMARY KEY (consumer, event_id)
);
CREATE INDEX outbox_inbox_received ON outbox_inbox (received_at);
