-- The relay's durable state (PostgreSQL), for conversation-relay's RelayState.jdbc: per relay and
-- tenant, the outbox position delivered up to (the checkpoint), and the events it parked (a
-- receiver refused them, or they outlasted their retry budget) until they are redelivered or
-- dropped. A parked event holds its conversation's later events behind it, so one
-- conversation's events are never delivered out of order.

CREATE TABLE relay_checkpoints (
  tenant_id   text COLLATE "C" NOT NULL,
  relay       text COLLATE "C" NOT NULL,
  position    bigint NOT NULL,
  updated_at  timestamptz NOT NULL,
  CONSTRAINT relay_checkpoints_pk PRIMARY KEY (tenant_id, relay)
);

CREATE TABLE relay_parked (
  tenant_id        text COLLATE "C" NOT NULL,
  relay            text COLLATE "C" NOT NULL,
  position         bigint NOT NULL,
  conversation_id  text COLLATE "C" NOT NULL,
  event            text NOT NULL,
  reason           text NOT NULL,
  parked_at        timestamptz NOT NULL,
  CONSTRAINT relay_parked_pk PRIMARY KEY (tenant_id, relay, position)
);

CREATE INDEX relay_parked_by_conversation ON relay_parked (tenant_id, relay, conversation_id, position);
