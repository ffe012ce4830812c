//! The schema, one list of migrations for both databases. `{ID}` becomes the backend's 64-bit
//! primary key (a rowid alias on SQLite, so inserts do not build a second index). Times are
//! milliseconds since the Unix epoch, UTC; money is a decimal string beside its currency.

pub const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "initial schema", INITIAL),
    (2, "ticket intents and signals", TICKET_UNDERSTANDING),
    (3, "ticket risk and queue order", TICKET_RISK),
    (
        4,
        "duplicate reasons and repeat contacts",
        TICKET_DUPLICATES,
    ),
    (5, "start of the running clocks", TICKET_WAITING),
    (6, "outbox and ticket merges", OUTBOX_AND_MERGES),
    (7, "mailboxes, IMAP cursors and received mail", MAILBOXES),
    (
        8,
        "indexes for order lookups and customer merges",
        TICKET_ORDERS_COVERING,
    ),
    (
        9,
        "attachments by content hash, moving processed mail",
        ATTACHMENTS_AND_MOVE,
    ),
    (10, "triage settings per tenant", TRIAGE_SETTINGS),
    (11, "event chain order", EVENT_SEQUENCE),
];

// The order of the event chain. Ids come from per-process blocks, so an event appended later
// can carry a smaller id (another node, or a freshly reserved block); `seq` counts the tenant's
// events in the order they joined the chain, moved together with `tenants.event_head`. Chains
// written before this migration were in id order.
const EVENT_SEQUENCE: &str = r#"
ALTER TABLE events ADD COLUMN seq BIGINT;
UPDATE events SET seq = id;
CREATE INDEX events_seq ON events (tenant_id, seq);
ALTER TABLE tenants ADD COLUMN event_seq BIGINT NOT NULL DEFAULT 0;
UPDATE tenants SET event_seq = COALESCE((SELECT MAX(e.seq) FROM events e WHERE e.tenant_id = tenants.id), 0)
"#;

// One JSON document per tenant (`cairn_domain::triage::TriageSettings`, complete and
// canonical as saved); a tenant without a row runs on the defaults.
const TRIAGE_SETTINGS: &str = r#"
CREATE TABLE triage_settings (
    tenant_id BIGINT PRIMARY KEY,
    document TEXT NOT NULL,
    updated_at BIGINT NOT NULL
)
"#;

// Attachment bytes are stored once per tenant under their SHA-256; a message links to them by
// position. `{BLOB}` is the backend's byte-string type (BLOB on SQLite, BYTEA on PostgreSQL),
// which sqlx's `Any` driver reads and writes as bytes on both. `move_to` is the folder a
// mailbox moves processed mail to (none when NULL).
const ATTACHMENTS_AND_MOVE: &str = r#"
CREATE TABLE attachment_blobs (
    tenant_id BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    data {BLOB} NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, sha256)
);
CREATE TABLE message_attachments (
    tenant_id BIGINT NOT NULL,
    message_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    filename TEXT,
    content_id TEXT,
    disposition TEXT NOT NULL,
    PRIMARY KEY (tenant_id, message_id, position)
);
CREATE INDEX message_attachments_blob ON message_attachments (tenant_id, sha256);
ALTER TABLE mailboxes ADD COLUMN move_to TEXT
"#;

const MAILBOXES: &str = r#"
CREATE TABLE mailboxes (
    id {ID},
    tenant_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    imap_host TEXT NOT NULL,
    imap_port BIGINT NOT NULL,
    smtp_host TEXT NOT NULL,
    smtp_port BIGINT NOT NULL,
    security TEXT NOT NULL,
    username TEXT NOT NULL,
    password_enc TEXT NOT NULL,
    folders TEXT NOT NULL,
    sent_folder TEXT NOT NULL,
    max_message_bytes BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX mailboxes_name ON mailboxes (tenant_id, name);
CREATE TABLE mailbox_cursors (
    tenant_id BIGINT NOT NULL,
    mailbox_id BIGINT NOT NULL,
    folder TEXT NOT NULL,
    uidvalidity BIGINT NOT NULL,
    last_uid BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, mailbox_id, folder)
);
CREATE TABLE mail_received (
    tenant_id BIGINT NOT NULL,
    channel TEXT NOT NULL,
    external_id TEXT NOT NULL,
    mailbox_id BIGINT NOT NULL,
    folder TEXT NOT NULL,
    uidvalidity BIGINT NOT NULL,
    uid BIGINT NOT NULL,
    raw_sha256 TEXT,
    size_bytes BIGINT NOT NULL,
    oversize BIGINT NOT NULL,
    auto_reply_suppressed BIGINT NOT NULL,
    loop_reasons TEXT NOT NULL,
    references_hdr TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, channel, external_id)
);
CREATE INDEX mail_received_mailbox ON mail_received (tenant_id, mailbox_id);
ALTER TABLE outbox ADD COLUMN mailbox_id BIGINT;
ALTER TABLE outbox ADD COLUMN from_addr TEXT;
ALTER TABLE outbox ADD COLUMN references_hdr TEXT;
ALTER TABLE outbox ADD COLUMN raw_message TEXT
"#;

// Without statistics SQLite preferred scanning the covering primary key of ticket_orders over
// looking each order number up and then the row: the lookup index must cover the ticket id.
// Merges keep chains one step long by re-pointing customers merged into the one that goes;
// that needs its own (small, partial) index. The old deadline-only queue index is unused since
// the queue orders by risk.
const TICKET_ORDERS_COVERING: &str = r#"
CREATE INDEX ticket_orders_ref_ticket ON ticket_orders (tenant_id, order_ref, ticket_id);
CREATE INDEX customers_merged ON customers (tenant_id, merged_into) WHERE merged_into IS NOT NULL;
DROP INDEX ticket_orders_ref;
DROP INDEX tickets_queue
"#;

const OUTBOX_AND_MERGES: &str = r#"
CREATE TABLE outbox (
    id {ID},
    tenant_id BIGINT NOT NULL,
    ticket_id BIGINT NOT NULL,
    channel TEXT NOT NULL,
    kind TEXT NOT NULL,
    to_addr TEXT,
    subject TEXT,
    body_text TEXT NOT NULL,
    body_html TEXT,
    language TEXT,
    in_reply_to TEXT,
    message_id TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX outbox_status ON outbox (tenant_id, status, created_at);
CREATE INDEX outbox_ticket ON outbox (tenant_id, ticket_id);
ALTER TABLE tickets ADD COLUMN status_before_merge TEXT
"#;

const TICKET_WAITING: &str = r#"
ALTER TABLE tickets ADD COLUMN waiting_since BIGINT
"#;

const TICKET_DUPLICATES: &str = r#"
ALTER TABLE tickets ADD COLUMN duplicate_confidence BIGINT;
ALTER TABLE tickets ADD COLUMN duplicate_reasons TEXT NOT NULL DEFAULT '[]';
ALTER TABLE tickets ADD COLUMN repeat_of BIGINT;
ALTER TABLE tickets ADD COLUMN repeat_reason TEXT
"#;

const TICKET_RISK: &str = r#"
ALTER TABLE tickets ADD COLUMN risk_score BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN risk_reasons TEXT NOT NULL DEFAULT '[]';
ALTER TABLE tickets ADD COLUMN risk_changes_at BIGINT;
ALTER TABLE tickets ADD COLUMN queue_due BIGINT NOT NULL DEFAULT 9223372036854775807;
CREATE INDEX tickets_risk_queue ON tickets (tenant_id, status, risk_score DESC, queue_due, id);
CREATE INDEX tickets_risk_changes ON tickets (tenant_id, risk_changes_at)
"#;

const TICKET_UNDERSTANDING: &str = r#"
ALTER TABLE tickets ADD COLUMN intents TEXT NOT NULL DEFAULT '[]';
ALTER TABLE tickets ADD COLUMN signals TEXT NOT NULL DEFAULT '[]'
"#;

const INITIAL: &str = r#"
CREATE TABLE tenants (
    id {ID},
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    event_head TEXT NOT NULL
);
CREATE TABLE id_allocator (
    name TEXT PRIMARY KEY,
    next_id BIGINT NOT NULL
);
CREATE TABLE api_tokens (
    id {ID},
    tenant_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE TABLE customers (
    id {ID},
    tenant_id BIGINT NOT NULL,
    display_name TEXT,
    created_at BIGINT NOT NULL,
    merged_into BIGINT
);
CREATE INDEX customers_tenant ON customers (tenant_id, id);
CREATE TABLE identities (
    id {ID},
    tenant_id BIGINT NOT NULL,
    customer_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    label TEXT,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX identities_key ON identities (tenant_id, kind, value);
CREATE INDEX identities_customer ON identities (tenant_id, customer_id);
CREATE TABLE identity_links (
    id {ID},
    tenant_id BIGINT NOT NULL,
    a BIGINT NOT NULL,
    b BIGINT NOT NULL,
    evidence TEXT NOT NULL,
    detail TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    removed_at BIGINT
);
CREATE INDEX identity_links_a ON identity_links (tenant_id, a);
CREATE INDEX identity_links_b ON identity_links (tenant_id, b);
CREATE TABLE orders (
    id {ID},
    tenant_id BIGINT NOT NULL,
    channel TEXT NOT NULL,
    marketplace TEXT,
    order_ref TEXT NOT NULL,
    customer_id BIGINT NOT NULL,
    buyer_identity_id BIGINT NOT NULL,
    placed_at BIGINT NOT NULL,
    fulfillment TEXT,
    buyer_name TEXT,
    buyer_email TEXT,
    buyer_phone TEXT,
    buyer_id TEXT,
    shipping_address TEXT,
    items TEXT NOT NULL,
    total_amount TEXT,
    total_currency TEXT,
    shipments TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX orders_key ON orders (tenant_id, channel, order_ref);
CREATE INDEX orders_ref ON orders (tenant_id, order_ref);
CREATE INDEX orders_customer ON orders (tenant_id, customer_id);
CREATE TABLE tickets (
    id {ID},
    tenant_id BIGINT NOT NULL,
    customer_id BIGINT NOT NULL,
    identity_id BIGINT NOT NULL,
    channel TEXT NOT NULL,
    marketplace TEXT,
    status TEXT NOT NULL,
    subject TEXT NOT NULL,
    language TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    last_inbound_at BIGINT,
    last_outbound_at BIGINT,
    closed_at BIGINT,
    first_response_due_at BIGINT,
    first_responded_at BIGINT,
    response_due_at BIGINT,
    duplicate_of BIGINT,
    merged_into BIGINT,
    message_count BIGINT NOT NULL
);
CREATE INDEX tickets_queue ON tickets (tenant_id, status, response_due_at);
CREATE INDEX tickets_customer ON tickets (tenant_id, customer_id);
CREATE TABLE ticket_orders (
    tenant_id BIGINT NOT NULL,
    ticket_id BIGINT NOT NULL,
    order_ref TEXT NOT NULL,
    PRIMARY KEY (tenant_id, ticket_id, order_ref)
);
CREATE INDEX ticket_orders_ref ON ticket_orders (tenant_id, order_ref);
CREATE TABLE messages (
    id {ID},
    tenant_id BIGINT NOT NULL,
    ticket_id BIGINT NOT NULL,
    channel TEXT NOT NULL,
    marketplace TEXT,
    external_id TEXT NOT NULL,
    direction TEXT NOT NULL,
    identity_id BIGINT,
    from_email TEXT,
    from_name TEXT,
    to_addr TEXT,
    subject TEXT,
    body_text TEXT NOT NULL,
    body_html TEXT,
    received_at BIGINT NOT NULL,
    thread_id TEXT,
    in_reply_to TEXT,
    order_refs TEXT NOT NULL
);
CREATE UNIQUE INDEX messages_key ON messages (tenant_id, channel, external_id);
CREATE INDEX messages_ticket ON messages (tenant_id, ticket_id, received_at);
CREATE TABLE thread_keys (
    tenant_id BIGINT NOT NULL,
    channel TEXT NOT NULL,
    thread_key TEXT NOT NULL,
    ticket_id BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, channel, thread_key)
);
CREATE TABLE events (
    id {ID},
    tenant_id BIGINT NOT NULL,
    ticket_id BIGINT,
    customer_id BIGINT,
    order_id BIGINT,
    kind TEXT NOT NULL,
    data TEXT NOT NULL,
    at BIGINT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX events_ticket ON events (tenant_id, ticket_id);
"#;
