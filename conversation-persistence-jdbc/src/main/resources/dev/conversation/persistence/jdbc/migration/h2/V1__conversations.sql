-- Conversations, their messages, their tags, the outbox and the contact directory (H2).
--
-- The same tables and keys as the PostgreSQL schema. H2 compares text by UTF-16 units, which is
-- code-point order except between characters above U+FFFF and those from U+E000 to U+FFFF. H2 has
-- no partial indexes, so the flag and timer indexes cover the whole table.
-- Each row keeps its whole value as a JSON document (body); the other columns are derived from it
-- in the same statement and exist to be filtered and sorted on.

CREATE TABLE conversations (
  tenant_id     VARCHAR NOT NULL,
  id            VARCHAR NOT NULL,
  version       BIGINT NOT NULL,
  status        VARCHAR NOT NULL,
  channel       VARCHAR NOT NULL,
  contact_id    VARCHAR,
  agent_id      VARCHAR,
  team_id       VARCHAR,
  unread        BOOLEAN NOT NULL,
  starred       BOOLEAN NOT NULL,
  created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  updated_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  tags_key      VARCHAR NOT NULL,
  tags_version  BIGINT NOT NULL,
  message_rows  INTEGER NOT NULL,
  body          CHARACTER LARGE OBJECT NOT NULL,
  CONSTRAINT conversations_pk PRIMARY KEY (tenant_id, id)
);

-- The two listing orders, newest first, ties by id.
CREATE INDEX conversations_by_activity ON conversations (tenant_id, updated_at DESC, id DESC);
CREATE INDEX conversations_by_creation ON conversations (tenant_id, created_at DESC, id DESC);
-- One index per filter, in the default order (last activity).
CREATE INDEX conversations_by_status ON conversations (tenant_id, status, updated_at DESC, id DESC);
CREATE INDEX conversations_by_channel ON conversations (tenant_id, channel, updated_at DESC, id DESC);
CREATE INDEX conversations_by_contact ON conversations (tenant_id, contact_id, updated_at DESC, id DESC);
CREATE INDEX conversations_by_agent ON conversations (tenant_id, agent_id, updated_at DESC, id DESC);
CREATE INDEX conversations_by_team ON conversations (tenant_id, team_id, updated_at DESC, id DESC);
CREATE INDEX conversations_unread ON conversations (tenant_id, unread, updated_at DESC, id DESC);
CREATE INDEX conversations_starred ON conversations (tenant_id, starred, updated_at DESC, id DESC);
-- Timer housekeeping (tick) walks SNOOZED, WAITING and RESOLVED conversations in creation order.
CREATE INDEX conversations_due ON conversations (tenant_id, status, created_at DESC, id DESC);

CREATE TABLE conversation_tags (
  tenant_id        VARCHAR NOT NULL,
  tag              VARCHAR NOT NULL,
  conversation_id  VARCHAR NOT NULL,
  CONSTRAINT conversation_tags_pk PRIMARY KEY (tenant_id, tag, conversation_id)
);
CREATE INDEX conversation_tags_by_conversation ON conversation_tags (tenant_id, conversation_id);

CREATE TABLE messages (
  tenant_id        VARCHAR NOT NULL,
  conversation_id  VARCHAR NOT NULL,
  seq              INTEGER NOT NULL,
  id               VARCHAR NOT NULL,
  idempotency_key  VARCHAR,
  body             CHARACTER LARGE OBJECT NOT NULL,
  CONSTRAINT messages_pk PRIMARY KEY (tenant_id, conversation_id, seq),
  CONSTRAINT messages_id_unique UNIQUE (tenant_id, conversation_id, id),
  CONSTRAINT messages_idempotency_key_unique UNIQUE (tenant_id, conversation_id, idempotency_key)
);

-- The outbox. A tenant's positions come from its counter row, which a commit updates last: the
-- row lock orders the tenant's commits, so positions become visible in increasing order.
CREATE TABLE outbox_positions (
  tenant_id      VARCHAR NOT NULL,
  last_position  BIGINT NOT NULL,
  CONSTRAINT outbox_positions_pk PRIMARY KEY (tenant_id)
);

CREATE TABLE events (
  tenant_id        VARCHAR NOT NULL,
  position         BIGINT NOT NULL,
  conversation_id  VARCHAR NOT NULL,
  body             CHARACTER LARGE OBJECT NOT NULL,
  CONSTRAINT events_pk PRIMARY KEY (tenant_id, position)
);

CREATE TABLE contacts (
  tenant_id  VARCHAR NOT NULL,
  id         VARCHAR NOT NULL,
  body       CHARACTER LARGE OBJECT NOT NULL,
  CONSTRAINT contacts_pk PRIMARY KEY (tenant_id, id)
);

CREATE TABLE accounts (
  tenant_id  VARCHAR NOT NULL,
  id         VARCHAR NOT NULL,
  body       CHARACTER LARGE OBJECT NOT NULL,
  CONSTRAINT accounts_pk PRIMARY KEY (tenant_id, id)
);
