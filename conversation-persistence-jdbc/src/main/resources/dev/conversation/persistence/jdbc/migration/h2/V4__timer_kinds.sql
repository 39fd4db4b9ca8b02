-- Timer kinds (H2): the same column and indexes as the PostgreSQL migration, over the whole table.
-- H2 cannot read the JSON documents in SQL, so the timers new in this version (IDLE_RESOLVE,
-- FIRST_REPLY, NEXT_REPLY) of conversations stored before it start at their next commit.

ALTER TABLE conversations ADD COLUMN timer_kind VARCHAR(16);

DROP INDEX IF EXISTS conversations_timers;
DROP INDEX IF EXISTS conversations_tenant_timers;

UPDATE conversations SET timer_kind = CASE status
    WHEN 'SNOOZED' THEN 'WAKE' WHEN 'WAITING' THEN 'AUTO_RESOLVE' WHEN 'RESOLVED' THEN 'AUTO_CLOSE' END
  WHERE timer_at IS NOT NULL;

CREATE INDEX conversations_timers ON conversations (timer_kind, timer_at, tenant_id, id);
CREATE INDEX conversations_tenant_timers ON conversations (tenant_id, timer_kind, timer_at, id);
