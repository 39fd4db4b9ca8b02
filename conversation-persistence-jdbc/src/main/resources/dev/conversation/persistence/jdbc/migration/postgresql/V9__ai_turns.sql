-- The AI's turn (PostgreSQL). Each conversation's ai_turn_since is when the AI agent's turn began
-- (Lifecycle.aiTurn: the AI owns it, it is NEW or ACTIVE, and a customer waits for an answer),
-- NULL otherwise; every commit writes it, and workers find the waiting turns through its index,
-- longest waiting first. A worker's claim on a turn, with its lease, is a row of turn_claims.

ALTER TABLE conversations ADD COLUMN ai_turn_since timestamptz;

-- Conversations waiting for the AI before this migration: the header document knows when the
-- customer began to wait; a document from before that field (V4) is read as the store's codec
-- reads it: the last customer message, if the customer spoke last.
UPDATE conversations SET ai_turn_since = CASE
    WHEN body::jsonb ? 'awaitingReplySince' THEN (body::jsonb ->> 'awaitingReplySince')::timestamptz
    WHEN body::jsonb ->> 'lastCustomerMessageAt' IS NOT NULL
      AND (body::jsonb ->> 'lastAgentMessageAt' IS NULL
        OR (body::jsonb ->> 'lastCustomerMessageAt')::timestamptz >= (body::jsonb ->> 'lastAgentMessageAt')::timestamptz)
      THEN (body::jsonb ->> 'lastCustomerMessageAt')::timestamptz
  END
  WHERE status IN ('NEW', 'ACTIVE') AND agent_id IS NULL AND team_id IS NULL
    AND body::jsonb ->> 'assignee' IS NULL;

CREATE INDEX conversations_ai_turn ON conversations (ai_turn_since, tenant_id, id)
  WHERE ai_turn_since IS NOT NULL;
CREATE INDEX conversations_tenant_ai_turn ON conversations (tenant_id, ai_turn_since, id)
  WHERE ai_turn_since IS NOT NULL;

CREATE TABLE turn_claims (
  tenant_id          text COLLATE "C" NOT NULL,
  conversation_id    text COLLATE "C" NOT NULL,
  token              text COLLATE "C" NOT NULL,
  worker             text NOT NULL,
  turn_since         timestamptz NOT NULL,
  customer_wrote_at  timestamptz NOT NULL,
  version            bigint NOT NULL,
  lease_until        timestamptz NOT NULL,
  CONSTRAINT turn_claims_pk PRIMARY KEY (tenant_id, conversation_id)
);
