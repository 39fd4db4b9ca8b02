-- Timers (H2): the same column and indexes as the PostgreSQL migration, over the whole table (H2
-- has no partial indexes). H2 cannot read the JSON documents in SQL, so conversations stored before
-- this migration get their timer_at on their next commit (a snoozed one written before it is not
-- woken by the due query until then).

ALTER TABLE conversations ADD COLUMN timer_at TIMESTAMP(6) WITH TIME ZONE;

CREATE INDEX conversations_timers ON conversations (status, timer_at, tenant_id, id);
CREATE INDEX conversations_tenant_timers ON conversations (tenant_id, status, timer_at, id);

-- The timer sweep no longer lists conversations by status: the due query replaced this index.
DROP INDEX conversations_due;
