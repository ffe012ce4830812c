//! Per-tenant triage settings: one row per tenant (`triage_settings`) holding the JSON document
//! of `cairn_domain::triage` and when it last changed. A tenant without a row runs on the
//! defaults.
//!
//! Readers load the document once per batch, refresh or page (one primary-key lookup) and turn
//! it into typed rules; nothing caches it across calls, so a change applies to the next batch on
//! every node.

use cairn_domain::TenantId;
use cairn_domain::triage::{FieldError, TriageRules, TriageSettings};
use jiff::Timestamp;
use serde_json::json;
use sqlx::AnyConnection;

use crate::sql::*;
use crate::{Backend, Result, Store, StoreError};

/// A tenant's settings document and when it was saved (`None`: never; the defaults apply).
#[derive(Clone, Debug, PartialEq)]
pub struct StoredTriageSettings {
    pub settings: TriageSettings,
    pub updated_at: Option<Timestamp>,
}

/// The stored document of a tenant, if it has one.
async fn stored(
    conn: &mut AnyConnection,
    tenant: TenantId,
) -> Result<Option<(TriageSettings, Timestamp)>> {
    let mut q = Sql::new("SELECT document, updated_at FROM triage_settings WHERE tenant_id = ");
    q.bind(tenant.0);
    let Some(row) = q.fetch_optional(&mut *conn).await? else {
        return Ok(None);
    };
    let document = get_str(&row, "document")?;
    let settings: TriageSettings = serde_json::from_str(&document)
        .map_err(|e| StoreError::Corrupt(format!("triage settings of tenant {}: {e}", tenant.0)))?;
    Ok(Some((settings, get_ts(&row, "updated_at")?)))
}

/// The typed rules of a tenant: its stored settings, or the defaults.
pub(crate) async fn triage_rules_in(
    conn: &mut AnyConnection,
    tenant: TenantId,
) -> Result<TriageRules> {
    match stored(conn, tenant).await? {
        None => Ok(TriageRules::default()),
        Some((settings, _)) => settings.validate().map_err(|errors| {
            StoreError::Corrupt(format!(
                "triage settings of tenant {}: {}",
                tenant.0,
                joined(&errors)
            ))
        }),
    }
}

fn joined(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl Store {
    /// The tenant's settings document: as saved (complete and canonical), or the defaults.
    pub async fn triage_settings(&self, tenant: TenantId) -> Result<StoredTriageSettings> {
        let mut conn = self.pool().acquire().await?;
        Ok(match stored(&mut conn, tenant).await? {
            Some((settings, at)) => StoredTriageSettings {
                settings,
                updated_at: Some(at),
            },
            None => StoredTriageSettings {
                settings: TriageSettings::default(),
                updated_at: None,
            },
        })
    }

    /// The tenant's typed rules (deadlines, risk weights, company clock), for one batch,
    /// refresh or page.
    pub async fn triage_rules(&self, tenant: TenantId) -> Result<TriageRules> {
        let mut conn = self.pool().acquire().await?;
        triage_rules_in(&mut conn, tenant).await
    }

    /// Validates and saves the tenant's settings; returns the complete document as saved.
    ///
    /// New deadlines apply to customer messages that arrive afterwards; new weights re-score
    /// every unresolved ticket at the next risk refresh. The change is recorded in the event log.
    /// A refused document is [`StoreError::Invalid`] naming each field; callers that want the
    /// fields one by one call [`TriageSettings::validate`] first.
    pub async fn set_triage_settings(
        &self,
        tenant: TenantId,
        settings: &TriageSettings,
        now: Timestamp,
    ) -> Result<StoredTriageSettings> {
        let canonical = settings
            .normalized()
            .map_err(|errors| StoreError::Invalid(joined(&errors)))?;
        let document = to_json(&canonical);
        // Serial with ingest, as every writer of the event chain is: the same lock, and the
        // event's id from the same block, taken before the transaction as ingest takes it.
        let _guard = self.ingest_lock.lock().await;
        let mut ids = self.next_ids(1).await?;
        let mut conn = self.pool().acquire().await?;
        let mut tx = self.begin_write(&mut conn).await?;
        if self.backend() == Backend::Postgres {
            let mut q = Sql::new("SELECT pg_advisory_xact_lock(");
            q.bind(tenant.0).push(")");
            q.execute(&mut *tx).await?;
        }
        let mut q =
            Sql::new("INSERT INTO triage_settings (tenant_id, document, updated_at) VALUES (");
        q.bind(tenant.0)
            .push(", ")
            .bind(document.as_str())
            .push(", ")
            .bind(now)
            .push(
                ") ON CONFLICT (tenant_id) DO UPDATE SET document = excluded.document, \
                 updated_at = excluded.updated_at",
            );
        q.execute(&mut *tx).await?;
        // Stored scores were computed with the old weights: due for a refresh now.
        let mut q = Sql::new("UPDATE tickets SET risk_changes_at = ");
        q.bind(now)
            .push(" WHERE tenant_id = ")
            .bind(tenant.0)
            .push(" AND status IN ('open', 'pending')");
        q.execute(&mut *tx).await?;
        crate::audit::append_event(
            &mut tx,
            tenant,
            &mut ids,
            "triage_settings_changed",
            None,
            None,
            now,
            json!({ "settings": canonical }),
        )
        .await?;
        tx.commit().await?;
        Ok(StoredTriageSettings {
            settings: canonical,
            updated_at: Some(now),
        })
    }
}
