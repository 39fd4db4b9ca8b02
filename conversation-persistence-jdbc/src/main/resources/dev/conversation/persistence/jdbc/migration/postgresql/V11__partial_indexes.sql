-- Fewer index entries per append (PostgreSQL). An append updates the conversation's row with a
-- new updated_at, which is never a HOT update, so it adds an entry to every index of the row; and
-- an inserted message adds one to every index of messages. Two of those indexes held entries no
-- query reads:
--
-- * conversations_by_contact indexed conversations without a contact (NULL) too, though the only
--   queries using it ask for one contact (contact_id = ?, which implies NOT NULL);
-- * messages_idempotency_key_unique indexed every message without an idempotency key (NULL),
--   though NULLs never conflict in a unique index and the lookup asks for one key.
--
-- Both become partial: the same name, the same columns, the same uniqueness, without the NULLs.
-- A conversation without a contact and a message without a key now write one index entry fewer.
DROP INDEX conversations_by_contact;
CREATE INDEX conversations_by_contact ON conversations (tenant_id, contact_id, updated_at DESC, id DESC)
  WHERE contact_id IS NOT NULL;

ALTER TABLE messages DROP CONSTRAINT messages_idempotency_key_unique;
CREATE UNIQUE INDEX messages_idempotency_key_unique ON messages (tenant_id, conversation_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
