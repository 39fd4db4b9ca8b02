-- Inbound routing (H2): the same columns, indexes and table as the PostgreSQL migration. H2 has no
-- partial indexes; its unique indexes treat NULLs as distinct, so closed and unrouted rows never
-- clash in conversations_open_route.

ALTER TABLE conversations ADD COLUMN route_key VARCHAR;
ALTER TABLE conversations ADD COLUMN open_route_key VARCHAR;

CREATE UNIQUE INDEX conversations_open_route ON conversations (tenant_id, open_route_key);
CREATE INDEX conversations_by_route ON conversations (tenant_id, route_key, created_at DESC, id DESC);

CREATE TABLE contact_addresses (
  tenant_id   VARCHAR NOT NULL,
  address     VARCHAR NOT NULL,
  contact_id  VARCHAR NOT NULL,
  CONSTRAINT contact_addresses_pk PRIMARY KEY (tenant_id, address, contact_id)
);
-- A save replaces a contact's rows: found by contact.
CREATE INDEX contact_addresses_by_contact ON contact_addresses (tenant_id, contact_id);
