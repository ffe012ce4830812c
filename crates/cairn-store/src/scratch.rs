//! Throw-away PostgreSQL databases, for test suites that run on both backends: each run gets a
//! database of its own on the server `CAIRN_TEST_POSTGRES` names, dropped afterwards.

use jiff::Timestamp;
use sqlx::{AssertSqlSafe, Connection, Executor};

use crate::Result;

/// A database created for one test run.
pub struct ScratchPostgres {
    admin: String,
    name: String,
    url: String,
}

impl ScratchPostgres {
    /// Creates a fresh, uniquely named database (`{prefix}_{pid}_{nanos}`) on the server that
    /// the URL `admin` connects to.
    pub async fn create(admin: &str, prefix: &str) -> Result<ScratchPostgres> {
        sqlx::any::install_default_drivers();
        let name = format!(
            "{prefix}_{}_{}",
            std::process::id(),
            Timestamp::now().as_nanosecond() % 1_000_000_000
        );
        let mut conn = sqlx::AnyConnection::connect(admin).await?;
        conn.execute(AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .await?;
        let base = admin.rsplit_once('/').map_or(admin, |(b, _)| b);
        Ok(ScratchPostgres {
            admin: admin.to_string(),
            url: format!("{base}/{name}"),
            name,
        })
    }

    /// The URL of the new database.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Drops the database, whoever is still connected to it.
    pub async fn drop(self) {
        if let Ok(mut conn) = sqlx::AnyConnection::connect(&self.admin).await {
            let _ = conn
                .execute(AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                    self.name
                )))
                .await;
        }
    }
}
