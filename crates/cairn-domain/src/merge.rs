//! Merging tickets that are one issue, and undoing it.
//!
//! The primary is the ticket whose deadline is strictest (an Amazon thread before an email
//! thread), then the oldest. Every other thread is marked merged into it and its customer gets a
//! short courtesy note in that thread's own channel and language. Amazon and eBay tickets and
//! tickets with orders can be merged; nothing is moved, so undoing restores every ticket exactly.

use jiff::Timestamp;

use crate::model::{TicketRow, TicketStatus};
use crate::sla::DeadlineRules;
use crate::{Channel, TicketId};

#[derive(Clone, Debug, PartialEq)]
pub struct MergePlan {
    pub primary: TicketId,
    /// Tickets folded into the primary, each with the status it had (restored on unmerge).
    pub merged: Vec<(TicketId, TicketStatus)>,
    /// One courtesy note per merged thread, in its channel and language.
    pub notes: Vec<CourtesyNote>,
    /// What the primary carries afterwards.
    pub primary_order_refs: Vec<String>,
    pub primary_intents: Vec<String>,
    pub primary_signals: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CourtesyNote {
    pub ticket: TicketId,
    pub channel: Channel,
    pub language: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    #[error("a merge needs at least two tickets")]
    TooFew,
    #[error("ticket {0} is already merged into ticket {1}")]
    AlreadyMerged(TicketId, TicketId),
    #[error("tickets of different customers cannot be merged (link the customers first)")]
    DifferentCustomers,
}

fn strictness(
    t: &TicketRow,
    rules: &DeadlineRules,
) -> (jiff::SignedDuration, u8, Timestamp, TicketId) {
    // Marketplace threads first at equal windows: they weigh on account health.
    let rank = match t.channel {
        Channel::Amazon => 0,
        Channel::Ebay => 1,
        Channel::Walmart => 2,
        Channel::Shopify => 3,
        Channel::Email => 4,
    };
    (rules.window(t.channel), rank, t.created_at, t.id)
}

/// The courtesy note for a merged thread, in the customer's language (English when unknown).
pub fn courtesy_note(language: Option<&str>, order: Option<&str>) -> (String, String) {
    let lang = language
        .filter(|l| ["de", "en", "fr", "it", "es"].contains(l))
        .unwrap_or("en");
    let text = match (lang, order) {
        ("de", Some(o)) => format!(
            "Vielen Dank für Ihre Nachricht. Wir haben Ihre Frage zur Bestellung {o} in Ihrer ursprünglichen Unterhaltung beantwortet."
        ),
        ("de", None) => "Vielen Dank für Ihre Nachricht. Wir haben Ihre Frage in Ihrer ursprünglichen Unterhaltung beantwortet.".to_string(),
        ("fr", Some(o)) => format!(
            "Merci pour votre message. Nous avons répondu à votre question concernant la commande {o} dans votre conversation d'origine."
        ),
        ("fr", None) => "Merci pour votre message. Nous avons répondu à votre question dans votre conversation d'origine.".to_string(),
        ("it", Some(o)) => format!(
            "Grazie per il suo messaggio. Abbiamo risposto alla sua domanda sull'ordine {o} nella conversazione originale."
        ),
        ("it", None) => "Grazie per il suo messaggio. Abbiamo risposto alla sua domanda nella conversazione originale.".to_string(),
        ("es", Some(o)) => format!(
            "Gracias por su mensaje. Hemos respondido a su pregunta sobre el pedido {o} en su conversación original."
        ),
        ("es", None) => "Gracias por su mensaje. Hemos respondido a su pregunta en su conversación original.".to_string(),
        (_, Some(o)) => format!(
            "Thank you for your message. We have answered your question about order {o} in your original conversation."
        ),
        (_, None) => "Thank you for your message. We have answered your question in your original conversation.".to_string(),
    };
    (lang.to_string(), text)
}

/// Plans merging `tickets` (of one customer) into one.
pub fn plan_merge(tickets: &[TicketRow], rules: &DeadlineRules) -> Result<MergePlan, MergeError> {
    if tickets.len() < 2 {
        return Err(MergeError::TooFew);
    }
    if let Some(t) = tickets.iter().find(|t| t.status == TicketStatus::Merged) {
        return Err(MergeError::AlreadyMerged(
            t.id,
            t.merged_into.unwrap_or(t.id),
        ));
    }
    if tickets
        .iter()
        .any(|t| t.customer_id != tickets[0].customer_id)
    {
        return Err(MergeError::DifferentCustomers);
    }
    let primary = tickets
        .iter()
        .min_by_key(|t| strictness(t, rules))
        .ok_or(MergeError::TooFew)?;
    let mut order_refs = primary.order_refs.clone();
    let mut intents = primary.intents.clone();
    let mut signals = primary.signals.clone();
    let mut merged = Vec::new();
    let mut notes = Vec::new();
    for t in tickets.iter().filter(|t| t.id != primary.id) {
        merged.push((t.id, t.status));
        for (into, from) in [
            (&mut order_refs, &t.order_refs),
            (&mut intents, &t.intents),
            (&mut signals, &t.signals),
        ] {
            for v in from {
                if !into.contains(v) {
                    into.push(v.clone());
                }
            }
        }
        let order = t.order_refs.first().or(primary.order_refs.first());
        let (language, text) = courtesy_note(t.language.as_deref(), order.map(String::as_str));
        notes.push(CourtesyNote {
            ticket: t.id,
            channel: t.channel,
            language,
            text,
        });
    }
    if intents.len() > 1 {
        intents.retain(|i| i != "other");
    }
    Ok(MergePlan {
        primary: primary.id,
        merged,
        notes,
        primary_order_refs: order_refs,
        primary_intents: intents,
        primary_signals: signals,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CustomerId, IdentityId};

    fn ticket(id: i64, channel: Channel, at: &str, lang: &str, refs: &[&str]) -> TicketRow {
        let at: Timestamp = at.parse().unwrap_or(Timestamp::UNIX_EPOCH);
        let mut t = TicketRow::opened(TicketId(id), CustomerId(1), IdentityId(id), channel, at);
        t.language = Some(lang.to_string());
        t.order_refs = refs.iter().map(|s| s.to_string()).collect();
        t.intents = vec!["tracking".into()];
        t
    }

    #[test]
    fn the_amazon_thread_is_primary_even_when_younger() {
        let email = ticket(1, Channel::Email, "2026-11-10T07:00:00Z", "de", &[]);
        let amazon = ticket(2, Channel::Amazon, "2026-11-10T08:00:00Z", "de", &["302-1"]);
        let ebay = ticket(3, Channel::Ebay, "2026-11-10T06:00:00Z", "fr", &[]);
        let plan = plan_merge(&[email, amazon, ebay], &DeadlineRules::default());
        let plan = plan.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(plan.primary, TicketId(2));
        assert_eq!(plan.merged.len(), 2);
        assert_eq!(plan.primary_order_refs, vec!["302-1".to_string()]);
        let de = plan
            .notes
            .iter()
            .find(|n| n.ticket == TicketId(1))
            .map(|n| n.text.clone());
        assert_eq!(
            de.as_deref(),
            Some(
                "Vielen Dank für Ihre Nachricht. Wir haben Ihre Frage zur Bestellung 302-1 in Ihrer ursprünglichen Unterhaltung beantwortet."
            )
        );
        let fr = plan.notes.iter().find(|n| n.ticket == TicketId(3));
        assert_eq!(
            fr.map(|n| (n.channel, n.language.as_str())),
            Some((Channel::Ebay, "fr"))
        );
    }

    #[test]
    fn refusals() {
        let rules = DeadlineRules::default();
        let a = ticket(1, Channel::Email, "2026-11-10T07:00:00Z", "de", &[]);
        assert_eq!(
            plan_merge(std::slice::from_ref(&a), &rules),
            Err(MergeError::TooFew)
        );
        let mut b = ticket(2, Channel::Email, "2026-11-10T08:00:00Z", "de", &[]);
        b.customer_id = CustomerId(9);
        assert_eq!(
            plan_merge(&[a.clone(), b.clone()], &rules),
            Err(MergeError::DifferentCustomers)
        );
        b.customer_id = CustomerId(1);
        b.status = TicketStatus::Merged;
        b.merged_into = Some(TicketId(5));
        assert_eq!(
            plan_merge(&[a, b], &rules),
            Err(MergeError::AlreadyMerged(TicketId(2), TicketId(5)))
        );
    }
}
