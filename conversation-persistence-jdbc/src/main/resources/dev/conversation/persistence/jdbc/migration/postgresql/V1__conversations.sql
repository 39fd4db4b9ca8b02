-- Conversations, their messages, their tags, the outbox and the contact directory (PostgreSQL).
--
-- tenant_id leads every primary key and every index, so each table can later be distributed by
-- tenant (Citus: create_distributed_table(..., 'tenant_id')) without changing a key. Identifiers
-- use the "C" collation: keyset order breaks ties by id in code-point order, as the SPI defines.
-- Each row keeps its whole value as a JSON document (body); the other columns are derived from it
-- in the same statement and exist to be filtered and sorted on.

CREATE TABLE conversations (
  tenant_id     text COLLATE "C" NOT NULL,
  id            text COLLATE "C" NOT NULL,
  version       bigint NOT NULL,
  status        text NOT NULL,
  channel       text NOT NULL,
  contact_id    text COLLATE "C",
  agent_id      text COLLATE "C",
  team_id       text COLLATE "C",
  unread        boolean NOT NULL,
  starred       boolean NOT NULL,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  tags_key      text NOT NULL,
  tags_version  bigint NOT NULL,
  message_rows  integer NOT NULL,
  body          text NOT NULL,
  CONSTRAINT conversations_pk PRIMARY KEY (tenant_id, id)
);

-- The two listing orders, newest first, ties by id.
CREATE INDEX conversations_by_activity ON conversations (tenant_id, updated_at DESC, id DESC);
CREATE INDEX conversations_by_creation ON conversations (tenant_id, created_at DESC, id DESC);
-- One index per filter, in the default order (last activity).
CREATE INDEX conversations_by_status ON conversations (tenant_id, status, updated_at DESC, id DESC);
CREATE INDEX conversations_by_channel ON conversations (tenant_id, channel, updated_at DESC, id DESC);
CREATE INDEX conversations_by_contact ON conversations (tenant_id, contact_id, updated_at DESC, id DESC);
CREATE INDEX conversations_by_agent ON conversations (tenant_id, agent_id, updated_at DESC, id DESC)
  WHERE agent_id IS NOT NULL;
CREATE INDEX conversations_by_team ON conversations (tenant_id, team_id, updated_at DESC, id DESC)
  WHERE team_id IS NOT NULL;
CREATE INDEX conversations_unread ON conversations (tenant_id, unread, updated_at DESC, id DESC);
CREATE INDEX conversations_starred ON conversations (tenant_id, updated_at DESC, id DESC) WHERE starred;
-- Timer housekeeping (tick) walks SNOOZED, WAITING and RESOLVED conversations in creation order.
CREATE INDEX conversations_due ON conversations (tenant_id, status, created_at DESC, id DESC)
  WHERE status IN ('SNOOZED', 'WAITING', 'RESOLVED');

CREATE TABLE conversation_tags (
  tenant_id        text COLLATE "C" NOT NULL,
  tag              text COLLATE "C" NOT NULL,
  conversation_id  text COLLATE "C" NOT NULL,
  CONSTRAINT conversation_tags_pk PRIMARY KEY (tenant_id, tag, conversation_id)
);
CREATE INDEX conversation_tags_by_conversation ON conversation_tags (tenant_id, conversation_id);

CREATE TABLE messages (
  tenant_id        text COLLATE "C" NOT NULL,
  conversation_id  text COLLATE "C" NOT NULL,
  seq              integer NOT NULL,
  id               text COLLATE "C" NOT NULL,
  idempotency_key  text COLLATE "C",
  body             text NOT NULL,
  CONSTRAINT messages_pk PRIMARY KEY (tenant_id, conversation_id, seq),
  CONSTRAINT messages_id_unique UNIQUE (tenant_id, conversation_id, id),
  CONSTRAINT messages_idempotency_key_unique UNIQUE (tenant_id, conversation_id, idempotency_key)
);

-- The outbox. A tenant's positions come from its counter row, which a commit updates last: the
-- row lock orders the tenant's commits, so positions become visible in increasing order.
CREATE TABLE outbox_positions (
  tenant_id      text COLLATE "C" NOT NULL,
  last_position  bigint NOT NULL,
  CONSTRAINT outbox_positions_pk PRIMARY KEY (tenant_id)
);

CREATE TABLE events (
  tenant_id        text COLLATE "C" NOT NULL,
  position         bigint NOT NULL,
  conversation_id  text COLLATE "C" NOT NULL,
  body             text NOT NULL,
  CONSTRAINT events_pk PRIMARY KEY (tenant_id, position)
);

CREATE TABLE contacts (
  tenant_id  text COLLATE "C" NOT NULL,
  id         text COLLATE "C" NOT NULL,
  body       text NOT NULL,
  CONSTRAINT contacts_pk PRIMARY KEY (tenant_id, id)
);

CREATE TABLE accounts (
  tenant_id  text COLLATE "C" NOT NULL,
  id         text COLLATE "C" NOT NULL,
  body       text NOT NULL,
  CONSTRAINT accounts_pk PRIMARY KEY (tenant_id, id)
);
