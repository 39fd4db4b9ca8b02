-- The AI's turn (H2): see the PostgreSQL script of the same name. H2 cannot read the header
-- document in SQL: conversations waiting for the AI before this migration are found once they
-- next change (a customer's message, for example).

ALTER TABLE conversations ADD COLUMN ai_turn_since TIMESTAMP(6) WITH TIME ZONE;

CREATE INDEX conversations_ai_turn ON conversations (ai_turn_since, tenant_id, id);
CREATE INDEX conversations_tenant_ai_turn ON conversations (tenant_id, ai_turn_since, id);

CREATE TABLE turn_claims (
  tenant_id          VARCHAR NOT NULL,
  conversation_id    VARCHAR NOT NULL,
  token              VARCHAR NOT NULL,
  worker             VARCHAR NOT NULL,
  turn_since         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  customer_wrote_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  version            BIGINT NOT NULL,
  lease_until        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT turn_claims_pk PRIMARY KEY (tenant_id, conversation_id)
);
