-- Delivery status of outbound messages (H2): see the PostgreSQL script of the same name. H2's
-- unique indexes let any number of rows hold NULL.

ALTER TABLE messages ADD COLUMN provider_message_id VARCHAR;

CREATE UNIQUE INDEX messages_provider_id ON messages (tenant_id, provider_message_id);
