//! Cairn's storage: one API over SQLite (the default, in the data folder, WAL) and PostgreSQL
//! (for several Cairn nodes). Every method takes the [`TenantId`] it works for, and every query
//! is scoped by it.
//!
//! This crate knows SQL and nothing of HTTP, mail or marketplaces. The rules of what to write come
//! from `cairn-domain`: ingest loads a snapshot, lets the domain planner decide, and writes the
//! planner's changes in the same transaction.

mod attachments;
mod audit;
mod customers;
mod ingest;
mod mailbox;
mod merge;
mod read;
mod rows;
mod schema;
pub mod scratch;
mod settings;
mod sql;

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use cairn_domain::events::GENESIS;
use cairn_domain::{IdBlock, IdSource, TenantId};
use jiff::Timestamp;
use sha2::{Digest, Sha256};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions, Connection, Executor};
use tokio::sync::Mutex;

pub use attachments::{AttachmentInfo, MessageAttachments, NewAttachment};
pub use customers::CustomerSuggestion;
pub use ingest::{BatchReport, IngestOptions};
pub use mailbox::{
    Cursor, MailCommit, Mailbox, MailboxSettings, MarketplaceNotice, OutboxItem, ReceivedMail,
    ReplyTarget, reply_subject, ticket_token,
};
pub use merge::outbox_message_id;
pub use read::{QueueCounts, QueuePage, TicketQuery};
pub use settings::StoredTriageSettings;
use sql::{Sql, get_i64};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("{0}")]
    Invalid(String),
}

impl StoreError {
    fn column(col: &str, e: sqlx::Error) -> StoreError {
        StoreError::Corrupt(format!("column {col}: {e}"))
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A handle on the database. Cheap to clone.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// One ingest at a time per process; across PostgreSQL nodes an advisory lock does the same.
    ingest_lock: Arc<Mutex<()>>,
    ids: Arc<Mutex<IdBlock>>,
}

/// How many ids one reservation takes from the database.
const ID_BLOCK: i64 = 10_000;

impl Store {
    /// Opens (and creates, for SQLite) the database and applies pending migrations.
    pub async fn open(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            return Err(StoreError::Invalid(format!(
                "database URL {url:?} must start with sqlite:// or postgres://"
            )));
        };
        let url = if backend == Backend::Sqlite && !url.contains("mode=") {
            let sep = if url.contains('?') { '&' } else { '?' };
            format!("{url}{sep}mode=rwc")
        } else {
            url.to_string()
        };
        let options = AnyConnectOptions::from_str(&url)?.disable_statement_logging();
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 4 } else { 8 })
            .acquire_timeout(Duration::from_secs(30))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        for pragma in [
                            "PRAGMA journal_mode = WAL",
                            "PRAGMA synchronous = NORMAL",
                            "PRAGMA busy_timeout = 10000",
                            "PRAGMA cache_size = -32768",
                            "PRAGMA temp_store = MEMORY",
                            // Checkpoints run in the background (see `checkpoint_in_background`);
                            // a writer copies the WAL back itself only if that falls far behind.
                            "PRAGMA wal_autocheckpoint = 65536",
                        ] {
                            conn.execute(pragma).await?;
                        }
                    } else {
                        // Statements are prepared once per connection; a generic plan made
                        // while a table was small (a sequential scan) would stay in use as it
                        // grows. Planning with the real values each time keeps index lookups.
                        conn.execute("SET plan_cache_mode = force_custom_plan")
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        let store = Store {
            pool,
            backend,
            ingest_lock: Arc::new(Mutex::new(())),
            ids: Arc::new(Mutex::new(IdBlock::new(0, 0))),
        };
        store.migrate().await?;
        if backend == Backend::Sqlite {
            store.checkpoint_in_background();
        }
        Ok(store)
    }

    /// Copies SQLite's write-ahead log back into the database file once a second from a
    /// connection of its own, so that writers (an import above all) do not stop to do it inside
    /// their commits; it runs on the other core meanwhile. Ends with the last handle to the store.
    fn checkpoint_in_background(&self) {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let alive = Arc::downgrade(&self.ingest_lock);
        let pool = self.pool.clone();
        runtime.spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_secs(1)).await;
                if alive.strong_count() == 0 || pool.is_closed() {
                    break;
                }
                // A busy database only means the next round copies more.
                let _ = pool.execute("PRAGMA wal_checkpoint(PASSIVE)").await;
            }
        });
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    fn id_column(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite => "INTEGER PRIMARY KEY",
            Backend::Postgres => "BIGINT PRIMARY KEY",
        }
    }

    fn blob_column(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite => "BLOB",
            Backend::Postgres => "BYTEA",
        }
    }

    async fn migrate(&self) -> Result<()> {
        let mut conn = self.pool.acquire().await?;
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
        )
        .await?;
        if self.backend == Backend::Postgres {
            // Several nodes may start at once; only one migrates.
            conn.execute("SELECT pg_advisory_lock(7426001)").await?;
        }
        let result = async {
            for &(version, name, sql) in schema::MIGRATIONS {
                let mut q =
                    Sql::new("SELECT COUNT(*) AS n FROM schema_migrations WHERE version = ");
                q.bind(version);
                let done = get_i64(&q.fetch_one(&mut *conn).await?, "n")?;
                if done > 0 {
                    continue;
                }
                let mut tx = conn.begin().await?;
                let ddl = sql
                    .replace("{ID}", self.id_column())
                    .replace("{BLOB}", self.blob_column());
                for statement in ddl.split(';').map(str::trim).filter(|s| !s.is_empty()) {
                    tx.execute(sqlx::AssertSqlSafe(statement.to_string()))
                        .await?;
                }
                let mut q =
                    Sql::new("INSERT INTO schema_migrations (version, name, applied_at) VALUES (");
                q.bind(version)
                    .push(", ")
                    .bind(name)
                    .push(", ")
                    .bind(Timestamp::now())
                    .push(")");
                q.execute(&mut *tx).await?;
                tx.commit().await?;
                tracing::info!(version, name, "applied migration");
            }
            Ok::<(), StoreError>(())
        }
        .await;
        if self.backend == Backend::Postgres {
            conn.execute("SELECT pg_advisory_unlock(7426001)").await?;
        }
        result
    }

    /// The tenant with this slug, created on first use.
    pub async fn ensure_tenant(&self, slug: &str, name: &str) -> Result<TenantId> {
        if let Some(id) = self.tenant_by_slug(slug).await? {
            return Ok(id);
        }
        let id = self.next_ids(1).await?.next_id();
        let mut q =
            Sql::new("INSERT INTO tenants (id, slug, name, created_at, event_head) VALUES (");
        q.bind(id)
            .push(", ")
            .bind(slug)
            .push(", ")
            .bind(name)
            .push(", ")
            .bind(Timestamp::now())
            .push(", ")
            .bind(GENESIS)
            .push(") ON CONFLICT (slug) DO NOTHING");
        q.execute(&self.pool).await?;
        self.tenant_by_slug(slug)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("tenant {slug}")))
    }

    pub async fn tenant_by_slug(&self, slug: &str) -> Result<Option<TenantId>> {
        let mut q = Sql::new("SELECT id FROM tenants WHERE slug = ");
        q.bind(slug);
        match q.fetch_optional(&self.pool).await? {
            Some(row) => Ok(Some(TenantId(get_i64(&row, "id")?))),
            None => Ok(None),
        }
    }

    /// Reserves `n` fresh ids from the shared allocator (safe across nodes) in its own short
    /// transaction.
    async fn reserve_ids(&self, n: i64) -> Result<IdBlock> {
        let mut conn = self.pool.acquire().await?;
        let mut tx = self.begin_write(&mut conn).await?;
        let block = reserve_in(&mut tx, n).await?;
        tx.commit().await?;
        Ok(block)
    }

    /// Starts a transaction that will write. On SQLite it takes the write lock at once: a read
    /// transaction that later writes fails with SQLITE_BUSY when another process wrote in
    /// between, instead of waiting.
    pub(crate) async fn begin_write<'c>(
        &self,
        conn: &'c mut sqlx::pool::PoolConnection<sqlx::Any>,
    ) -> Result<sqlx::Transaction<'c, sqlx::Any>> {
        let begin = match self.backend {
            Backend::Sqlite => "BEGIN IMMEDIATE",
            Backend::Postgres => "BEGIN",
        };
        Ok(sqlx::Connection::begin_with(&mut **conn, begin).await?)
    }

    /// Hands out ids from the process's current block, reserving a new block when it runs low.
    ///
    /// Never call this while holding an open write transaction on SQLite: the reservation
    /// needs the write lock too. Inside a transaction use [`reserve_in`].
    pub(crate) async fn next_ids(&self, at_least: i64) -> Result<IdBlock> {
        let mut block = self.ids.lock().await;
        if block.remaining() < at_least {
            *block = self.reserve_ids(ID_BLOCK.max(at_least)).await?;
        }
        let start = block.next;
        block.next += at_least;
        Ok(IdBlock::new(start, at_least))
    }

    /// Creates an API token for the tenant and returns it; only its hash is stored.
    pub async fn create_token(&self, tenant: TenantId, name: &str, secret: &str) -> Result<()> {
        let id = self.next_ids(1).await?.next_id();
        let mut q = Sql::new(
            "INSERT INTO api_tokens (id, tenant_id, name, token_hash, created_at) VALUES (",
        );
        q.bind(id)
            .push(", ")
            .bind(tenant.0)
            .push(", ")
            .bind(name)
            .push(", ")
            .bind(token_hash(secret))
            .push(", ")
            .bind(Timestamp::now())
            .push(")");
        q.execute(&self.pool).await?;
        Ok(())
    }

    /// The tenant a bearer token belongs to, if it is valid and not revoked.
    pub async fn tenant_for_token(&self, secret: &str) -> Result<Option<TenantId>> {
        let mut q =
            Sql::new("SELECT tenant_id FROM api_tokens WHERE revoked_at IS NULL AND token_hash = ");
        q.bind(token_hash(secret));
        match q.fetch_optional(&self.pool).await? {
            Some(row) => Ok(Some(TenantId(get_i64(&row, "tenant_id")?))),
            None => Ok(None),
        }
    }

    /// True when the tenant has no messages and no orders yet.
    pub async fn is_empty(&self, tenant: TenantId) -> Result<bool> {
        let mut q =
            Sql::new("SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM messages WHERE tenant_id = ");
        q.bind(tenant.0)
            .push(" LIMIT 1) m) + (SELECT COUNT(*) FROM (SELECT 1 FROM orders WHERE tenant_id = ")
            .bind(tenant.0)
            .push(" LIMIT 1) o) AS n");
        Ok(get_i64(&q.fetch_one(&self.pool).await?, "n")? == 0)
    }

    /// Row counts of the tenant, for summaries and health.
    pub async fn counts(&self, tenant: TenantId) -> Result<Vec<(String, i64)>> {
        let mut out = Vec::new();
        for table in [
            "customers",
            "identities",
            "orders",
            "tickets",
            "messages",
            "events",
        ] {
            let mut q = Sql::new(&format!(
                "SELECT COUNT(*) AS n FROM {table} WHERE tenant_id = "
            ));
            q.bind(tenant.0);
            if table == "customers" {
                q.push(" AND merged_into IS NULL");
            }
            out.push((
                table.to_string(),
                get_i64(&q.fetch_one(&self.pool).await?, "n")?,
            ));
        }
        Ok(out)
    }

    /// Drops every row of every tenant. Only for tests against a shared PostgreSQL database.
    pub async fn wipe_for_tests(&self) -> Result<()> {
        for table in [
            "tenants",
            "id_allocator",
            "api_tokens",
            "customers",
            "identities",
            "identity_links",
            "orders",
            "tickets",
            "ticket_orders",
            "messages",
            "thread_keys",
            "events",
            "outbox",
            "mailboxes",
            "mailbox_cursors",
            "mail_received",
            "attachment_blobs",
            "message_attachments",
            "triage_settings",
        ] {
            self.pool
                .execute(sqlx::AssertSqlSafe(format!("DELETE FROM {table}")))
                .await?;
        }
        *self.ids.lock().await = IdBlock::new(0, 0);
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Runs `PRAGMA optimize`/`ANALYZE` so the planner knows the data's shape after a bulk load.
    pub async fn optimize(&self) -> Result<()> {
        let sql = match self.backend {
            Backend::Sqlite => "PRAGMA optimize",
            Backend::Postgres => "ANALYZE",
        };
        self.pool.execute(sql).await?;
        Ok(())
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }
}

/// Reserves `n` ids inside the caller's (write) transaction.
pub(crate) async fn reserve_in(conn: &mut sqlx::AnyConnection, n: i64) -> Result<IdBlock> {
    let q = Sql::new(
        "INSERT INTO id_allocator (name, next_id) VALUES ('main', 1) ON CONFLICT (name) DO NOTHING",
    );
    q.execute(&mut *conn).await?;
    let mut q = Sql::new("UPDATE id_allocator SET next_id = next_id + ");
    q.bind(n).push(" WHERE name = 'main' RETURNING next_id");
    let end = get_i64(&q.fetch_one(&mut *conn).await?, "next_id")?;
    Ok(IdBlock::new(end - n, n))
}

fn token_hash(secret: &str) -> String {
    cairn_domain::events::hex(&Sha256::digest(secret.as_bytes()))
}
