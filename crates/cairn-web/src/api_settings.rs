//! The tenant's triage settings over the API: `GET` and `PUT /api/v1/settings/triage`. The
//! document is `cairn_domain::triage::TriageSettings`; a `PUT` is validated field by field and
//! refused as a whole (422, every refused field named) or saved and answered with the complete
//! document as saved.

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use cairn_domain::triage::{FieldError, TriageSettings};
use serde::Serialize;

use crate::SharedState;
use crate::auth::ApiTenant;
use crate::error::{ApiError, ErrorBody, ErrorCode, ErrorDetail};

pub fn routes() -> Router<SharedState> {
    Router::new().route(
        "/api/v1/settings/triage",
        get(get_triage_settings).put(put_triage_settings),
    )
}

#[utoipa::path(
    get,
    path = "/api/v1/settings/triage",
    tag = "settings",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The tenant's triage settings, complete; the defaults when none were saved",
            body = schema::TriageSettings),
        (status = 401, description = "No valid token", body = ErrorBody),
    )
)]
pub async fn get_triage_settings(
    ApiTenant(tenant): ApiTenant,
    State(state): State<SharedState>,
) -> Result<Json<TriageSettings>, ApiError> {
    Ok(Json(
        state.app.store.triage_settings(tenant).await?.settings,
    ))
}

/// A settings document refused: the usual error, plus every refused field.
#[derive(Debug, Serialize)]
pub struct SettingsRefused {
    pub error: ErrorDetail,
    pub fields: Vec<FieldError>,
}

impl IntoResponse for SettingsRefused {
    fn into_response(self) -> Response {
        (self.error.code.status(), Json(self)).into_response()
    }
}

fn refused(fields: Vec<FieldError>) -> SettingsRefused {
    let listed: Vec<String> = fields.iter().map(ToString::to_string).collect();
    SettingsRefused {
        error: ErrorDetail {
            code: ErrorCode::InvalidSettings,
            message: format!(
                "{} setting(s) refused, nothing saved: {}",
                fields.len(),
                listed.join("; ")
            ),
        },
        fields,
    }
}

#[utoipa::path(
    put,
    path = "/api/v1/settings/triage",
    tag = "settings",
    request_body(content = schema::TriageSettings, description = "The settings document. Fields \
        left out keep their defaults, down to a single weight or weekday; unknown fields are refused."),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Saved; the complete document as saved. New deadlines apply \
            to customer messages arriving from now on; new weights re-score unresolved tickets at once.",
            body = schema::TriageSettings),
        (status = 400, description = "The body is not JSON, or not of the document's shape", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 422, description = "Some settings are refused; `fields` names each", body = schema::SettingsRefused),
    )
)]
pub async fn put_triage_settings(
    ApiTenant(tenant): ApiTenant,
    State(state): State<SharedState>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body.map_err(|e| ApiError::new(ErrorCode::InvalidBody, e.body_text()))?;
    let settings: TriageSettings = serde_json::from_slice(&body).map_err(|e| {
        ApiError::new(
            ErrorCode::InvalidBody,
            format!("the body must be a triage settings document (JSON): {e}"),
        )
    })?;
    if let Err(fields) = settings.validate() {
        return Ok(refused(fields).into_response());
    }
    let store = &state.app.store;
    let saved = store
        .set_triage_settings(tenant, &settings, state.now())
        .await?;
    // Re-score now, so the queue shows the new weights at once.
    let weights = store.triage_rules(tenant).await?.risk;
    while store.refresh_risk(tenant, &weights, state.now()).await? > 0 {}
    Ok((StatusCode::OK, Json(saved.settings)).into_response())
}

/// The shapes of the settings document for the OpenAPI document, field for field as
/// `cairn_domain::triage` serialises them (the test suite compares them with real answers).
pub mod schema {
    #![allow(dead_code)]

    use std::collections::BTreeMap;

    use utoipa::ToSchema;

    use crate::error::ErrorDetail;

    /// A tenant's triage settings: risk weights, the marketplace deadline per channel and the
    /// company clock.
    #[derive(ToSchema)]
    #[schema(as = TriageSettings)]
    pub struct TriageSettings {
        risk: RiskSettings,
        deadlines: DeadlineSettings,
        company: CompanySettings,
    }

    /// Points per contribution to the risk score, each a whole number from 0 to 100.
    #[derive(ToSchema)]
    pub struct RiskSettings {
        /// Points per intent label (`tracking`, `not_received`, …); the strongest intent
        /// counts fully.
        intents: BTreeMap<String, i64>,
        /// Points each further intent adds (at most its own weight).
        extra_intent: i64,
        /// Points per risk signal (`a_to_z_threat`, `frustration`, …).
        signals: BTreeMap<String, i64>,
        /// An Amazon order the seller ships himself (FBM).
        fbm_on_amazon: i64,
        /// Any Amazon conversation (account health).
        amazon_channel: i64,
        /// The highest threshold the order's total reaches applies.
        order_value: Vec<OrderValuePoints>,
        /// The tightest threshold the time left on the clock is under applies.
        time_left: Vec<TimeLeftPoints>,
        /// Points once the deadline has passed.
        overdue: i64,
    }

    #[derive(ToSchema)]
    pub struct OrderValuePoints {
        /// Whole units of the order's currency.
        at_least: i64,
        points: i64,
    }

    #[derive(ToSchema)]
    pub struct TimeLeftPoints {
        under_hours: i64,
        points: i64,
    }

    /// How long each channel gives to answer a customer message, counted around the clock:
    /// durations such as `24h`, `2d`, `1h 30m` (at most 30 days).
    #[derive(ToSchema)]
    pub struct DeadlineSettings {
        amazon: String,
        ebay: String,
        walmart: String,
        shopify: String,
        email: String,
    }

    /// The company clock: the internal first-response target counted in business hours.
    #[derive(ToSchema)]
    pub struct CompanySettings {
        /// An IANA time zone name, e.g. `Europe/Berlin`.
        time_zone: String,
        week: WeekSettings,
        /// Closed days, `YYYY-MM-DD`.
        #[schema(format = Date)]
        holidays: Vec<String>,
        /// A duration in business time, e.g. `4h`.
        first_response_target: String,
        /// A clock is at risk when less than this share of its window is left (0 < share < 1).
        at_risk_share: f64,
    }

    /// Shifts per weekday in local time; `[]` is a closed day. Shifts of a day must not
    /// overlap.
    #[derive(ToSchema)]
    pub struct WeekSettings {
        monday: Vec<Shift>,
        tuesday: Vec<Shift>,
        wednesday: Vec<Shift>,
        thursday: Vec<Shift>,
        friday: Vec<Shift>,
        saturday: Vec<Shift>,
        sunday: Vec<Shift>,
    }

    /// Open hours, `HH:MM` to `HH:MM`; the end comes after the start (`24:00` is midnight).
    #[derive(ToSchema)]
    pub struct Shift {
        start: String,
        end: String,
    }

    /// One refused setting.
    #[derive(ToSchema)]
    pub struct FieldError {
        /// The field's path in the document, e.g. `company.week.monday[1]`.
        field: String,
        message: String,
    }

    /// A refused settings document: the error (code `invalid_settings`) and every refused
    /// field.
    #[derive(ToSchema)]
    pub struct SettingsRefused {
        error: ErrorDetail,
        fields: Vec<FieldError>,
    }
}
