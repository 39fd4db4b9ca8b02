-- Inbound routing (PostgreSQL): a conversation opened for a route (channel type, channel instance,
-- contact) keeps its route key for good, and holds it in open_route_key until a commit closes it.
-- The unique index allows one open conversation per (tenant, route): concurrent opens for one
-- customer create one conversation. NULLs are distinct, so closed and unrouted rows never clash.

ALTER TABLE conversations ADD COLUMN route_key text COLLATE "C";
ALTER TABLE conversations ADD COLUMN open_route_key text COLLATE "C";

CREATE UNIQUE INDEX conversations_open_route ON conversations (tenant_id, open_route_key)
  WHERE open_route_key IS NOT NULL;
-- The route's latest conversation: the open one, else the newest.
CREATE INDEX conversations_by_route ON conversations (tenant_id, route_key, created_at DESC, id DESC)
  WHERE route_key IS NOT NULL;

-- The directory's address index: each address a saved contact holds (Contact.addressKey) and the
-- contacts holding it. Contacts saved before this migration are indexed when they are saved again.
CREATE TABLE contact_addresses (
  tenant_id   text COLLATE "C" NOT NULL,
  address     text COLLATE "C" NOT NULL,
  contact_id  text COLLATE "C" NOT NULL,
  CONSTRAINT contact_addresses_pk PRIMARY KEY (tenant_id, address, contact_id)
);
-- A save replaces a contact's rows: found by contact.
CREATE INDEX contact_addresses_by_contact ON contact_addresses (tenant_id, contact_id);
