-- Due instants (H2): the same column and indexes as the PostgreSQL migration (V6 there), over the
-- whole table. Snoozed conversations are due at their wake time; the other timers are indexed by
-- the timer runner's first pass (or the conversation's next commit) under the host's policy.

ALTER TABLE conversations ADD COLUMN timer_due_at TIMESTAMP(6) WITH TIME ZONE;

UPDATE conversations SET timer_due_at = timer_at WHERE timer_kind = 'WAKE';

DROP INDEX IF EXISTS conversations_timers;
DROP INDEX IF EXISTS conversations_tenant_timers;

CREATE INDEX conversations_due ON conversations (timer_due_at, tenant_id, id);
CREATE INDEX conversations_tenant_due ON conversations (tenant_id, timer_due_at, id);
