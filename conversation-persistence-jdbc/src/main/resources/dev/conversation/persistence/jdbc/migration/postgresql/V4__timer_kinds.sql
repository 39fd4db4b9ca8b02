-- Timer kinds (PostgreSQL): a conversation runs at most one timer (Lifecycle.timer), now of six
-- kinds: WAKE (SNOOZED), AUTO_RESOLVE (WAITING), AUTO_CLOSE (RESOLVED), IDLE_RESOLVE (HUMAN_MANAGED
-- while no customer waits), FIRST_REPLY and NEXT_REPLY (NEW, ACTIVE, HUMAN_MANAGED while a customer
-- waits for an answer). timer_kind names it and timer_at keeps the instant it counts from; the due
-- query enters one of these indexes per kind at its cutoff.

ALTER TABLE conversations ADD COLUMN timer_kind varchar(16);

DROP INDEX IF EXISTS conversations_timers;
DROP INDEX IF EXISTS conversations_tenant_timers;

-- The timers V3 filled, by status.
UPDATE conversations SET timer_kind = CASE status
    WHEN 'SNOOZED' THEN 'WAKE' WHEN 'WAITING' THEN 'AUTO_RESOLVE' WHEN 'RESOLVED' THEN 'AUTO_CLOSE' END
  WHERE timer_at IS NOT NULL;

-- The new timers, from the documents. A document from before this version has no
-- awaitingReplySince: a customer who spoke last waits since their last message (what reading the
-- document derives too).
UPDATE conversations SET
    timer_kind = CASE WHEN w.awaiting THEN (CASE WHEN w.replied THEN 'NEXT_REPLY' ELSE 'FIRST_REPLY' END)
      ELSE 'IDLE_RESOLVE' END,
    timer_at = CASE WHEN w.awaiting THEN w.customer::timestamptz ELSE conversations.updated_at END
  FROM (SELECT tenant_id AS tid, id AS cid, status AS st,
      body::jsonb ->> 'lastCustomerMessageAt' AS customer,
      body::jsonb ->> 'firstReplyAt' IS NOT NULL AS replied,
      (body::jsonb ->> 'lastCustomerMessageAt') ~ '^[0-9]{4}-' AND (body::jsonb ->> 'lastAgentMessageAt' IS NULL
        OR ((body::jsonb ->> 'lastAgentMessageAt') ~ '^[0-9]{4}-'
          AND (body::jsonb ->> 'lastCustomerMessageAt')::timestamptz >= (body::jsonb ->> 'lastAgentMessageAt')::timestamptz)) AS awaiting
    FROM conversations WHERE status IN ('NEW', 'ACTIVE', 'HUMAN_MANAGED')) AS w
  WHERE conversations.tenant_id = w.tid AND conversations.id = w.cid
    AND (w.awaiting OR w.st = 'HUMAN_MANAGED');

CREATE INDEX conversations_timers ON conversations (timer_kind, timer_at, tenant_id, id)
  WHERE timer_kind IS NOT NULL;
CREATE INDEX conversations_tenant_timers ON conversations (tenant_id, timer_kind, timer_at, id)
  WHERE timer_kind IS NOT NULL;
