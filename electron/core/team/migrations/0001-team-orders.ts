import type { TeamMigration } from './team-migration';

/**
 * The team's shared copy. Every row carries `change_seq`, drawn from one sequence while the writer holds
 * the team's advisory lock, so rows become visible in the order of their numbers and a console's cursor
 * ("everything after N") never skips a row that committed late. An order keeps Instacart's side (`api`,
 * newest `fetched_ms` wins) apart from the customer's (`customer`, newest `customer_ms` wins, the shop's
 * export on a tie). History and audit entries are keyed by the console and row that first wrote them
 * (`uid`), so a replay adds nothing twice. Every write notifies the channel `lastmile_team` with its
 * environment, one notification per transaction and environment.
 */
export const migration: TeamMigration = {
  version: 1,
  name: 'team-orders',
  async up(client) {
    await client.query(`
      CREATE SEQUENCE team_change_seq;
      CREATE TABLE team_orders (
        environment_id text NOT NULL,
        order_id text NOT NULL,
        api jsonb NOT NULL,
        fetched_ms bigint NOT NULL,
        customer jsonb NOT NULL,
        customer_ms bigint NOT NULL,
        customer_from_shop boolean NOT NULL,
        first_seen_ms bigint NOT NULL,
        first_source text NOT NULL,
        origin text NOT NULL,
        change_seq bigint NOT NULL,
        PRIMARY KEY (environment_id, order_id)
      );
      CREATE INDEX team_orders_changes ON team_orders (environment_id, change_seq);
      CREATE TABLE team_order_events (
        uid text PRIMARY KEY,
        environment_id text NOT NULL,
        order_id text NOT NULL,
        at_ms bigint NOT NULL,
        kind text NOT NULL,
        field text,
        from_value text,
        to_value text,
        source text NOT NULL,
        origin text NOT NULL,
        change_seq bigint NOT NULL
      );
      CREATE INDEX team_order_events_changes ON team_order_events (environment_id, change_seq);
      CREATE TABLE team_audit (
        uid text PRIMARY KEY,
        environment_id text NOT NULL,
        at_ms bigint NOT NULL,
        action text NOT NULL,
        order_id text,
        request text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('ok', 'error')),
        error text,
        origin text NOT NULL,
        change_seq bigint NOT NULL
      );
      CREATE INDEX team_audit_changes ON team_audit (environment_id, change_seq);
      CREATE FUNCTION team_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('lastmile_team', NEW.environment_id);
        RETURN NULL;
      END $$;
      CREATE TRIGGER team_orders_notify AFTER INSERT OR UPDATE ON team_orders
        FOR EACH ROW EXECUTE FUNCTION team_notify();
      CREATE TRIGGER team_order_events_notify AFTER INSERT ON team_order_events
        FOR EACH ROW EXECUTE FUNCTION team_notify();
      CREATE TRIGGER team_audit_notify AFTER INSERT ON team_audit
        FOR EACH ROW EXECUTE FUNCTION team_notify();
    `);
  },
};
