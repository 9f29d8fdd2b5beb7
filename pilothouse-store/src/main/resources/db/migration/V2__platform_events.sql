-- The platform's one timeline: rollout steps, aborts, flag changes, alerts, anomalies, backups.
CREATE TABLE platform_events (
  id          bigserial PRIMARY KEY,
  time        timestamptz NOT NULL,
  type        text NOT NULL,
  namespace   text NOT NULL,
  subject     text NOT NULL,
  service     text NOT NULL,
  cluster     text NOT NULL,
  message     text NOT NULL,
  attributes  jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX platform_events_namespace_time ON platform_events (namespace, time DESC);
CREATE INDEX platform_events_service_time ON platform_events (service, time DESC);
