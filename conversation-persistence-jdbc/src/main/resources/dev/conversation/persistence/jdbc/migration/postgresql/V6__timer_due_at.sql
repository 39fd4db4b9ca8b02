-- Due instants (PostgreSQL): each conversation's timer is indexed by when it falls due under the
-- policy it was last written with (Lifecycle.dueAt), so the due query reads only what is due even
-- when workspaces and channels run different policies. timer_kind and timer_at stay: timer_kind
-- marks the rows a runner re-indexes after its host changed policies.
--
-- This script cannot know the host's policies: it fills in the wake time of snoozed conversations
-- (due at their wake time under every policy) and leaves the other timers unindexed until the
-- timer runner's first pass (or the conversation's next commit) indexes them under the host's policy.

ALTER TABLE conversations ADD COLUMN timer_due_at timestamptz;

UPDATE conversations SET timer_due_at = timer_at WHERE timer_kind = 'WAKE';

DROP INDEX IF EXISTS conversations_timers;
DROP INDEX IF EXISTS conversations_tenant_timers;

CREATE INDEX conversations_due ON conversations (timer_due_at, tenant_id, id)
  WHERE timer_due_at IS NOT NULL;
CREATE INDEX conversations_tenant_due ON conversations (tenant_id, timer_due_at, id)
  WHERE timer_due_at IS NOT NULL;
