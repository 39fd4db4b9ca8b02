-- Delivery status of outbound messages (PostgreSQL). The status itself lives in the message's
-- body document, rewritten by each receipt; this column makes the channel provider's id findable,
-- so a receipt finds its message with one index probe, and unique: a provider id names one
-- message of a tenant. Existing messages get no provider id: receipts for messages sent before
-- this migration find nothing, and the host answers them as it answers receipts for unknown ids.

ALTER TABLE messages ADD COLUMN provider_message_id text COLLATE "C";

CREATE UNIQUE INDEX messages_provider_id ON messages (tenant_id, provider_message_id)
  WHERE provider_message_id IS NOT NULL;
