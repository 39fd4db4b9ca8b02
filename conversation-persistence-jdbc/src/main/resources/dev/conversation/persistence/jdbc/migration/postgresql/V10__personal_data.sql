-- Personal data (PostgreSQL): erasing a contact rewrites each of its conversations' events, and
-- retention deletes a closed conversation's events, so events are found by conversation; and
-- retention walks closed conversations across tenants, oldest first.
CREATE INDEX events_by_conversation ON events (tenant_id, conversation_id, position);
CREATE INDEX conversations_closed ON conversations (updated_at, tenant_id, id) WHERE status = 'CLOSED';
