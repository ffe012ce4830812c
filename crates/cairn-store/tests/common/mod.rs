//! The two-backend harness of the store's test suites: every test runs on SQLite, and on
//! PostgreSQL when `CAIRN_TEST_POSTGRES` names a server, in a database of its own.

use cairn_store::Store;
use cairn_store::scratch::ScratchPostgres;

pub struct Db {
    pub store: Store,
    _dir: Option<tempfile::TempDir>,
    drop_pg: Option<ScratchPostgres>,
}

impl Db {
    pub async fn cleanup(self) {
        self.store.close().await;
        if let Some(db) = self.drop_pg {
            db.drop().await;
        }
    }
}

/// The databases to run on; `prefix` names the PostgreSQL one, `suite` the notice when it is
/// skipped.
pub async fn databases(prefix: &str, suite: &str) -> Vec<(&'static str, Db)> {
    sqlx::any::install_default_drivers();
    let mut out = Vec::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}/cairn.db", dir.path().display());
    let store = Store::open(&url).await.expect("open sqlite");
    out.push((
        "sqlite",
        Db {
            store,
            _dir: Some(dir),
            drop_pg: None,
        },
    ));
    match std::env::var("CAIRN_TEST_POSTGRES") {
        Ok(admin) if !admin.is_empty() => {
            let db = ScratchPostgres::create(&admin, prefix)
                .await
                .expect("create a PostgreSQL test database");
            let store = Store::open(db.url()).await.expect("open postgres");
            out.push((
                "postgres",
                Db {
                    store,
                    _dir: None,
                    drop_pg: Some(db),
                },
            ));
        }
        _ => eprintln!("note: CAIRN_TEST_POSTGRES is not set; {suite} ran on SQLite only"),
    }
    out
}
