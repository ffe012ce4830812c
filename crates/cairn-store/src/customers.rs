//! Customer-level actions beyond ingest: suggestions of likely-same customers, and linking two
//! customers by hand (undone like any link, with `Store::unlink`).

use cairn_domain::identity::IdentityKind;
use cairn_domain::model::Evidence;
use cairn_domain::{CustomerId, IdSource, IdentityId, LinkId, TenantId};
use jiff::Timestamp;
use serde::Serialize;
use serde_json::json;

use crate::audit::append_event;
use crate::sql::*;
use crate::{Result, Store, StoreError};

/// Another customer who is probably the same person.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct CustomerSuggestion {
    pub customer_id: CustomerId,
    pub name: Option<String>,
    /// 0–100.
    pub confidence: u8,
    pub evidence: Vec<String>,
}

impl Store {
    /// Likely-same customers: the same name in the same postal code at another street (a move,
    /// a typo, a Packstation), or the same name in the same town.
    pub async fn customer_suggestions(
        &self,
        tenant: TenantId,
        customer: CustomerId,
    ) -> Result<Vec<CustomerSuggestion>> {
        let Some(customer) = self.resolve_customer(tenant, customer).await? else {
            return Err(StoreError::NotFound(format!("customer {customer}")));
        };
        let mut q =
            Sql::new("SELECT value FROM identities WHERE kind = 'name_address' AND tenant_id = ");
        q.bind(tenant.0)
            .push(" AND customer_id = ")
            .bind(customer.0);
        let keys: Vec<String> = q
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| get_str(r, "value"))
            .collect::<Result<_>>()?;
        let mut found: Vec<CustomerSuggestion> = Vec::new();
        for key in keys {
            // key = COUNTRY|POSTAL|street|name
            let parts: Vec<&str> = key.splitn(4, '|').collect();
            let [country, postal, street, name] = parts.as_slice() else {
                continue;
            };
            let mut q = Sql::new(
                "SELECT i.customer_id, i.value, c.display_name FROM identities i \
                 JOIN customers c ON c.tenant_id = i.tenant_id AND c.id = i.customer_id \
                 WHERE i.kind = 'name_address' AND i.tenant_id = ",
            );
            q.bind(tenant.0)
                .push(" AND i.customer_id <> ")
                .bind(customer.0)
                .push(" AND i.value LIKE ")
                .bind(format!("{country}|{postal}|%"))
                .push(" LIMIT 200");
            for row in q.fetch_all(self.pool()).await? {
                let value = get_str(&row, "value")?;
                let other: Vec<&str> = value.splitn(4, '|').collect();
                let [_, _, other_street, other_name] = other.as_slice() else {
                    continue;
                };
                if other_name != name {
                    continue;
                }
                let id = CustomerId(get_i64(&row, "customer_id")?);
                let evidence =
                    format!("same name in postal code {postal} ({street} / {other_street})");
                match found.iter_mut().find(|s| s.customer_id == id) {
                    Some(s) => s.evidence.push(evidence),
                    None => found.push(CustomerSuggestion {
                        customer_id: id,
                        name: get_opt_str(&row, "display_name")?,
                        confidence: 60,
                        evidence: vec![evidence],
                    }),
                }
            }
        }
        found.sort_by_key(|s| std::cmp::Reverse(s.confidence));
        Ok(found)
    }

    /// Records that two customers are one person (an agent's decision) and merges them into the
    /// older one. Returns the link, which `unlink` undoes.
    pub async fn link_customers(
        &self,
        tenant: TenantId,
        a: CustomerId,
        b: CustomerId,
        note: &str,
        now: Timestamp,
    ) -> Result<LinkId> {
        let (Some(a), Some(b)) = (
            self.resolve_customer(tenant, a).await?,
            self.resolve_customer(tenant, b).await?,
        ) else {
            return Err(StoreError::NotFound("customer".into()));
        };
        if a == b {
            return Err(StoreError::Invalid(
                "these customers are already one".into(),
            ));
        }
        let _guard = self.ingest_lock.lock().await;
        let mut conn = self.pool().acquire().await?;
        let mut ids = self.next_ids(4).await?;
        let mut tx = self.begin_write(&mut conn).await?;
        let mut anchors = Vec::new();
        for c in [a, b] {
            let mut q = Sql::new("SELECT id, kind FROM identities WHERE tenant_id = ");
            q.bind(tenant.0)
                .push(" AND customer_id = ")
                .bind(c.0)
                .push(" ORDER BY id");
            let rows = q.fetch_all(&mut *tx).await?;
            // Prefer a personal handle (email, phone) as the end of a manual link.
            let mut best: Option<(bool, IdentityId)> = None;
            for row in &rows {
                let personal = IdentityKind::parse(&get_str(row, "kind")?)
                    .is_some_and(IdentityKind::is_personal);
                let id = IdentityId(get_i64(row, "id")?);
                if best.is_none_or(|(p, _)| personal && !p) {
                    best = Some((personal, id));
                }
            }
            anchors.push(
                best.map(|(_, id)| id).ok_or_else(|| {
                    StoreError::Invalid(format!("customer {c} has no identities"))
                })?,
            );
        }
        let (into, from) = (a.min(b), a.max(b));
        let link = LinkId(ids.next_id());
        let mut q = Sql::new(
            "INSERT INTO identity_links (id, tenant_id, a, b, evidence, detail, created_at) VALUES ",
        );
        q.bind_list::<Val>(vec![
            link.0.into(),
            tenant.0.into(),
            anchors[0].0.into(),
            anchors[1].0.into(),
            Evidence::Manual.as_str().into(),
            format!("linked by an agent: {note}").into(),
            now.into(),
        ]);
        q.execute(&mut *tx).await?;
        for table in ["identities", "orders", "tickets"] {
            let mut q = Sql::new(&format!("UPDATE {table} SET customer_id = "));
            q.bind(into.0)
                .push(" WHERE tenant_id = ")
                .bind(tenant.0)
                .push(" AND customer_id = ")
                .bind(from.0);
            q.execute(&mut *tx).await?;
        }
        let mut q = Sql::new("UPDATE customers SET merged_into = ");
        q.bind(into.0)
            .push(" WHERE tenant_id = ")
            .bind(tenant.0)
            .push(" AND (id = ")
            .bind(from.0)
            .push(" OR merged_into = ")
            .bind(from.0)
            .push(")");
        q.execute(&mut *tx).await?;
        append_event(
            &mut tx,
            tenant,
            &mut ids,
            "customers_linked",
            None,
            Some(into),
            now,
            json!({"from": from.to_string(), "into": into.to_string(), "evidence": "manual", "detail": note}),
        )
        .await?;
        tx.commit().await?;
        Ok(link)
    }
}
