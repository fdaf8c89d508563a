/*
 * The PostgreSQL store's tables and the functions that write them (server/store/postgres.ts) and
 * that keep the drills' leases (server/store/postgres-leases.ts). Each write is one call of a
 * function, so it is one statement, one round trip and one transaction.
 *
 * Events keep `actor` and `event` as the JSON text the server wrote (the `json` type's operators
 * hand back the exact text they were given), so a log read here is byte for byte the log the
 * SQLite store gives for the same drill.
 */

/** Taken while the schema is created, so nodes starting together do not create it twice at once. */
export const SCHEMA_LOCK = 7_311_812;

export const TABLES = `
CREATE TABLE IF NOT EXISTS drills (
  id text PRIMARY KEY, scenario_id text NOT NULL, scenario_version integer NOT NULL,
  scenario_text text NOT NULL, scenario_file text NOT NULL, scenario_hash text NOT NULL,
  seed text NOT NULL, host_key_hash text NOT NULL, created_at bigint NOT NULL,
  anchor_wall bigint NOT NULL, anchor_game bigint NOT NULL, speed double precision NOT NULL, running boolean NOT NULL
);
CREATE INDEX IF NOT EXISTS drills_by_host ON drills (host_key_hash, created_at);
CREATE INDEX IF NOT EXISTS drills_running ON drills (scenario_hash, scenario_file) WHERE running;
CREATE TABLE IF NOT EXISTS seats (
  drill_id text NOT NULL, seat text NOT NULL, role text NOT NULL, token_hash text NOT NULL UNIQUE,
  position integer NOT NULL, PRIMARY KEY (drill_id, seat)
);
CREATE TABLE IF NOT EXISTS events (
  drill_id text NOT NULL, seq integer NOT NULL, at bigint NOT NULL, actor text NOT NULL, event text NOT NULL,
  PRIMARY KEY (drill_id, seq)
);
CREATE TABLE IF NOT EXISTS idempotency (
  drill_id text NOT NULL, key text NOT NULL, ok boolean NOT NULL, body text NOT NULL,
  PRIMARY KEY (drill_id, key)
);
CREATE TABLE IF NOT EXISTS nodes (
  id text PRIMARY KEY, name text NOT NULL, expires_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS leases (
  drill_id text PRIMARY KEY, holder text, token bigint NOT NULL DEFAULT 0,
  wanted_by text, wanted_at timestamptz
);
CREATE INDEX IF NOT EXISTS leases_by_holder ON leases (holder) WHERE holder IS NOT NULL;
CREATE TABLE IF NOT EXISTS write_probe (id integer PRIMARY KEY CHECK (id = 1), at bigint NOT NULL);
`;

/**
 * A batch of commands' items in one transaction (the group commit). Each item is checked before
 * anything of it is written: its lease's fencing token (LEASE2: the item's `fence` must be the
 * drill's current token, or, with no fence, nobody may hold the drill), its seqs (they must follow
 * the drill's last one without a gap), and its idempotency key (not stored yet). A refused item
 * writes nothing and is named in the answer; the others commit (PG1). The lease row is read FOR
 * SHARE, so a takeover of the drill waits for this transaction, and a commit after a takeover sees
 * the new token. Checking first, rather than catching each item's failure, needs no savepoint per
 * item (each would be a subtransaction, and more than 64 in one transaction slow every reader).
 * The batch's items are checked against what the earlier items of the same batch wrote.
 */
export const COMMIT_FUNCTION = `
CREATE OR REPLACE FUNCTION ttx_commit(v_items json) RETURNS TABLE (refused_index integer, refusal text)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_item json;
  v_index integer := -1;
  v_drill text;
  v_fence bigint;
  v_holder text;
  v_token bigint;
  v_expected integer;
  v_entry json;
  v_refusal text;
BEGIN
  FOR v_item IN SELECT value FROM json_array_elements(v_items) LOOP
    v_index := v_index + 1;
    v_drill := v_item->>'drillId';
    v_fence := (v_item->>'fence')::bigint;
    v_refusal := NULL;
    v_holder := NULL;
    v_token := NULL;
    SELECT l.holder, l.token INTO v_holder, v_token FROM leases l WHERE l.drill_id = v_drill FOR SHARE;
    IF v_fence IS NULL THEN
      IF v_holder IS NOT NULL THEN
        v_refusal := format('drill %s is run by a node that holds its lease; this write claims none', v_drill);
      END IF;
    ELSIF v_holder IS NULL OR v_token IS DISTINCT FROM v_fence THEN
      v_refusal := format('lease lost: this node no longer runs drill %s (its token %s is not the current one)', v_drill, v_fence);
    END IF;
    IF v_refusal IS NULL THEN
      SELECT coalesce(max(e.seq), -1) + 1 INTO v_expected FROM events e WHERE e.drill_id = v_drill;
      FOR v_entry IN SELECT value FROM json_array_elements(v_item->'entries') LOOP
        IF (v_entry->>'seq')::integer IS DISTINCT FROM v_expected THEN
          v_refusal := format('seq gap or duplicate in drill %s: expected %s, got %s', v_drill, v_expected, v_entry->>'seq');
          EXIT;
        END IF;
        v_expected := v_expected + 1;
      END LOOP;
    END IF;
    IF v_refusal IS NULL AND json_typeof(v_item->'idempotency') = 'object' THEN
      IF EXISTS (SELECT 1 FROM idempotency i WHERE i.drill_id = v_drill AND i.key = v_item->'idempotency'->>'key') THEN
        v_refusal := format('duplicate idempotency key in drill %s', v_drill);
      END IF;
    END IF;
    IF v_refusal IS NOT NULL THEN
      refused_index := v_index;
      refusal := v_refusal;
      RETURN NEXT;
      CONTINUE;
    END IF;
    INSERT INTO events (drill_id, seq, at, actor, event)
      SELECT v_drill, (x.value->>'seq')::integer, (x.value->>'at')::bigint, (x.value->'actor')::text, (x.value->'event')::text
      FROM json_array_elements(v_item->'entries') x;
    IF json_typeof(v_item->'anchor') = 'object' THEN
      UPDATE drills SET anchor_wall = (v_item->'anchor'->>'wallMs')::bigint, anchor_game = (v_item->'anchor'->>'gameMs')::bigint,
        speed = (v_item->'anchor'->>'speed')::double precision, running = (v_item->'anchor'->>'running')::boolean
        WHERE id = v_drill;
    END IF;
    IF json_typeof(v_item->'idempotency') = 'object' THEN
      INSERT INTO idempotency (drill_id, key, ok, body)
        VALUES (v_drill, v_item->'idempotency'->>'key', (v_item->'idempotency'->'result'->>'ok')::boolean, v_item->'idempotency'->'result'->>'body');
    END IF;
  END LOOP;
END
$fn$;
`;

/**
 * Take a drill's lease for a node (LEASE1): free, already this node's, or held by a node whose
 * heartbeat has lapsed. The token goes up by one with every taking, and is the fence this node's
 * commits carry. Time is the database's, so the nodes' clocks need not agree for leases. When a
 * live node holds it, the asking node is written down as wanting it (the holder hands it over at
 * its next heartbeat, LEASE5) and told how long until the holder's lease lapses if it stops renewing.
 * No row: there is no such drill.
 */
export const ACQUIRE_FUNCTION = `
CREATE OR REPLACE FUNCTION ttx_acquire(v_drill text, v_node text) RETURNS TABLE (lease_token bigint, retry_ms integer)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_token bigint;
  v_expires timestamptz;
BEGIN
  INSERT INTO leases (drill_id) SELECT d.id FROM drills d WHERE d.id = v_drill ON CONFLICT (drill_id) DO NOTHING;
  UPDATE leases l SET holder = v_node, token = l.token + 1, wanted_by = NULL, wanted_at = NULL
    WHERE l.drill_id = v_drill
      AND (l.holder IS NULL OR l.holder = v_node
        OR NOT EXISTS (SELECT 1 FROM nodes n WHERE n.id = l.holder AND n.expires_at > clock_timestamp()))
    RETURNING l.token INTO v_token;
  IF v_token IS NOT NULL THEN
    lease_token := v_token;
    retry_ms := 0;
    RETURN NEXT;
    RETURN;
  END IF;
  UPDATE leases l SET wanted_by = v_node, wanted_at = clock_timestamp() WHERE l.drill_id = v_drill;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  SELECT n.expires_at INTO v_expires FROM leases l JOIN nodes n ON n.id = l.holder WHERE l.drill_id = v_drill;
  lease_token := NULL;
  retry_ms := greatest(0, ceil(extract(epoch FROM (coalesce(v_expires, clock_timestamp()) - clock_timestamp())) * 1000))::integer;
  RETURN NEXT;
END
$fn$;
`;

/**
 * A node's heartbeat (LEASE1): renew its lease on every drill it holds, all at once (the leases
 * last as long as the node's row in `nodes`), and learn which of the drills it runs it must let go
 * of: 'taken' (the lease moved: its heartbeat lapsed and another node took the drill) or 'wanted'
 * (a live node asked for it within the last two lease periods: the proxy sends the drill's
 * connections there now). Rows of nodes gone for an hour are dropped.
 */
export const HEARTBEAT_FUNCTION = `
CREATE OR REPLACE FUNCTION ttx_heartbeat(v_node text, v_name text, v_ttl_ms integer, v_held text[], v_fences bigint[])
RETURNS TABLE (lost_drill text, lost_why text)
LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO nodes (id, name, expires_at) VALUES (v_node, v_name, clock_timestamp() + v_ttl_ms * interval '1 millisecond')
    ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at;
  RETURN QUERY
    SELECT h.drill, CASE WHEN l.holder IS DISTINCT FROM v_node OR l.token IS DISTINCT FROM h.fence THEN 'taken' ELSE 'wanted' END
    FROM unnest(v_held, v_fences) AS h(drill, fence)
    LEFT JOIN leases l ON l.drill_id = h.drill
    WHERE l.holder IS DISTINCT FROM v_node OR l.token IS DISTINCT FROM h.fence
      OR (l.wanted_by IS NOT NULL AND l.wanted_by <> v_node
        AND l.wanted_at > clock_timestamp() - 2 * v_ttl_ms * interval '1 millisecond'
        AND EXISTS (SELECT 1 FROM nodes w WHERE w.id = l.wanted_by AND w.expires_at > clock_timestamp()));
  DELETE FROM nodes WHERE expires_at < clock_timestamp() - interval '1 hour';
END
$fn$;
`;

export const SCHEMA = [TABLES, COMMIT_FUNCTION, ACQUIRE_FUNCTION, HEARTBEAT_FUNCTION];

/**
 * A drill's entries after a seq, as one JSON array text (the same text as SQLite's LOG_AFTER_SQL):
 * one JSON.parse for the lot.
 */
export const LOG_AFTER_SQL = `SELECT '[' || coalesce(string_agg('{"seq":' || seq || ',"at":' || at || ',"actor":' || actor || ',"event":' || event || '}', ',' ORDER BY seq), '') || ']' AS log FROM events WHERE drill_id = $1 AND seq > $2`;
