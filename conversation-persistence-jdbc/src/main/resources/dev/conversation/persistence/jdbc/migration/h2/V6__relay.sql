-- The relay's durable state (H2): the same tables as the PostgreSQL migration (V7 there).

CREATE TABLE relay_checkpoints (
  tenant_id   VARCHAR NOT NULL,
  relay       VARCHAR NOT NULL,
  position    BIGINT NOT NULL,
  updated_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT relay_checkpoints_pk PRIMARY KEY (tenant_id, relay)
);

CREATE TABLE relay_parked (
  tenant_id        VARCHAR NOT NULL,
  relay            VARCHAR NOT NULL,
  position         BIGINT NOT NULL,
  conversation_id  VARCHAR NOT NULL,
  event            CHARACTER LARGE OBJECT NOT NULL,
  reason           VARCHAR NOT NULL,
  parked_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT relay_parked_pk PRIMARY KEY (tenant_id, relay, position)
);

CREATE INDEX relay_parked_by_conversation ON relay_parked (tenant_id, relay, conversation_id, position);
