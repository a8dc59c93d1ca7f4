--liquibase formatted sql
--changeset txoutbox:1
-- txoutbox schema, Microsoft SQL Server 2019 or newer. UNTESTED: written from Microsoft's
-- documentation; the component does not run on SQL Server yet (its start-up check refuses it).
-- A Flyway migration and a Liquibase formatted-SQL changelog at once.
CREATE TABLE outbox_message (
  id              VARCHAR(36)    NOT NULL,
  seq             BIGINT         DEFAULT 0 NOT NULL,
  event_type      NVARCHAR(200)  NOT NULL,
  aggregate_type  NVARCHAR(200),
  aggregate_id    NVARCHAR(200),
  ordering_key    NVARCHAR(200),
  destination     NVARCHAR(200)  NOT NULL,
  payload         NVARCHAR(MAX)  NOT NULL,
  headers         NVARCHAR(4000),
  idempotency_key NVARCHAR(200),
  status          VARCHAR(16)    NOT NULL,
  attempts        INT            DEFAULT 0 NOT NULL,
  next_attempt_at DATETIMEOFFSET(6) NOT NULL,
  claimed_by      NVARCHAR(100),
  lease_until     DATETIMEOFFSET(6),
  last_error      NVARCHAR(2000),
  skip_reason     NVARCHAR(2000),
  created_at      DATETIMEOFFSET(6) NOT NULL,
  sent_at         DATETIMEOFFSET(6),
  traceparent     VARCHAR(55),
  CONSTRAINT outbox_message_pk PRIMARY KEY (id)
);
-- unique where set: SQL Server's UNIQUE constraint would allow only one NULL
CREATE UNIQUE INDEX outbox_message_idempotency ON outbox_message (idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX outbox_message_due ON outbox_message (next_attempt_at, created_at) WHERE status = 'PENDING';
CREATE INDEX outbox_message_key ON outbox_message (ordering_key, seq, status);
CREATE INDEX outbox_message_claim ON outbox_message (claimed_by);
CREATE INDEX outbox_message_status ON outbox_message (status, sent_at, created_at);

CREATE TABLE outbox_key (
  ordering_key NVARCHAR(200) NOT NULL,
  version      BIGINT        DEFAULT 0 NOT NULL,
  CONSTRAINT outbox_key_pk PRIMARY KEY (ordering_key)
);

CREATE TABLE outbox_inbox (
  consumer    NVARCHAR(200) NOT NULL,
  event_id    VARCHAR(36)   NOT NULL,
  received_at DATETIMEOFFSET(6) NOT NULL,
  CONSTRAINT outbox_inbox_pk PRIMARY KEY (consumer, event_id)
);
CREATE INDEX outbox_inbox_received ON outbox_inbox (received_at);
