-- Timers (PostgreSQL): timer_at is Lifecycle.timerSince of the conversation (a SNOOZED one's wake
-- time, a WAITING one's waiting-since, a RESOLVED one's resolution time), NULL in other states.
-- The due query enters one of these indexes per status at its cutoff, so it reads what is due and
-- nothing else: across tenants for a runner (this index does not lead with tenant_id: the runner
-- needs no list of tenants), or in one tenant.

ALTER TABLE conversations ADD COLUMN timer_at timestamptz;

CREATE INDEX conversations_timers ON conversations (status, timer_at, tenant_id, id)
  WHERE timer_at IS NOT NULL;
CREATE INDEX conversations_tenant_timers ON conversations (tenant_id, status, timer_at, id)
  WHERE timer_at IS NOT NULL;

-- Conversations already stored get their timer_at from their documents (an instant the column
-- cannot hold, beyond the year 9999, is kept at the column's end, where no sweep reaches it).
UPDATE conversations SET timer_at = CASE
    WHEN t ~ '^[0-9]{4}-' THEN t::timestamptz ELSE '9999-12-31 23:59:59.999999+00'::timestamptz END
  FROM (SELECT tenant_id AS tid, id AS cid, CASE status
      WHEN 'SNOOZED' THEN body::jsonb ->> 'snoozedUntil'
      WHEN 'WAITING' THEN body::jsonb ->> 'waitingSince'
      WHEN 'RESOLVED' THEN body::jsonb -> 'resolution' ->> 'resolvedAt' END AS t
    FROM conversations WHERE status IN ('SNOOZED', 'WAITING', 'RESOLVED')) AS anchors
  WHERE conversations.tenant_id = anchors.tid AND conversations.id = anchors.cid AND anchors.t IS NOT NULL;

-- The timer sweep no longer lists conversations by status: the due query replaced this index.
DROP INDEX conversations_due;
