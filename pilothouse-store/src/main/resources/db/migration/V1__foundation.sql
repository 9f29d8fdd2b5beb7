-- Resources and their change history. resourceVersion comes from one global sequence; CACHE 1
-- keeps last_value equal to the newest value handed out, which the event tailer relies on.
CREATE SEQUENCE resource_version_seq AS bigint START 1 CACHE 1;

CREATE TABLE resources (
  api_group text COLLATE "C" NOT NULL,
  kind text COLLATE "C" NOT NULL,
  namespace text COLLATE "C" NOT NULL,
  name text COLLATE "C" NOT NULL,
  resource_version bigint NOT NULL,
  doc jsonb NOT NULL,
  labels jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (api_group, kind, namespace, name)
);
CREATE INDEX resources_labels ON resources USING gin (labels jsonb_path_ops);

CREATE TABLE resource_events (
  resource_version bigint PRIMARY KEY,
  xid xid8 NOT NULL,
  api_group text NOT NULL,
  kind text NOT NULL,
  namespace text NOT NULL,
  name text NOT NULL,
  type text NOT NULL CHECK (type IN ('ADDED', 'MODIFIED', 'DELETED')),
  doc jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX resource_events_created ON resource_events (created_at);

-- Highest resourceVersion whose events compaction has removed: watches from older versions are Gone.
CREATE TABLE event_horizon (
  id int PRIMARY KEY CHECK (id = 1),
  compacted_through bigint NOT NULL
);
INSERT INTO event_horizon (id, compacted_through) VALUES (1, 0);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  time timestamptz NOT NULL,
  actor text NOT NULL,
  verb text NOT NULL,
  target text NOT NULL,
  namespace text NOT NULL DEFAULT '',
  before_version bigint NOT NULL DEFAULT 0,
  after_version bigint NOT NULL DEFAULT 0
);
CREATE INDEX audit_log_namespace ON audit_log (namespace, id DESC);

CREATE TABLE teams (
  name text COLLATE "C" PRIMARY KEY,
  created timestamptz NOT NULL
);

CREATE TABLE users (
  name text COLLATE "C" PRIMARY KEY,
  platform_admin boolean NOT NULL DEFAULT false,
  created timestamptz NOT NULL
);

CREATE TABLE memberships (
  team text COLLATE "C" NOT NULL REFERENCES teams (name) ON DELETE CASCADE,
  user_name text COLLATE "C" NOT NULL REFERENCES users (name) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('VIEWER', 'EDITOR', 'ADMIN')),
  PRIMARY KEY (team, user_name)
);
CREATE INDEX memberships_user ON memberships (user_name);

CREATE TABLE namespace_owners (
  namespace text COLLATE "C" PRIMARY KEY,
  team text NOT NULL REFERENCES teams (name) ON DELETE CASCADE
);

CREATE TABLE api_tokens (
  id text COLLATE "C" PRIMARY KEY,
  user_name text NOT NULL REFERENCES users (name) ON DELETE CASCADE,
  description text NOT NULL DEFAULT '',
  secret_hash text NOT NULL UNIQUE,
  created timestamptz NOT NULL,
  revoked timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (user_name);
