-- The outbox without a per-tenant counter (PostgreSQL). A commit's events take their positions
-- from its transaction's id: pg_current_xact_id() * 65536 + their place in the commit, and
-- readers see only events of transactions older than every one still running. The tenant's
-- writers no longer queue on its outbox_positions row, which is dropped: a node still running the
-- previous version fails its commits loudly instead of writing small positions a relay past them
-- would never read. Stop the old nodes before this migration runs.
--
-- Every position written before is a per-tenant counter value, far below any new one (a
-- transaction id times 2^16), so checkpoints taken before stay valid and nothing is re-read.

DROP TABLE outbox_positions;
