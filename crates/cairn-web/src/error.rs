//! API errors: one enum of stable codes that clients can match on and a UI can translate, and
//! one JSON shape, `{"error":{"code":"not_found","message":"…"}}`, for every failure.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use cairn_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

/// The stable error codes of the API. Clients match on these, never on the message text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// No bearer token, or one that is unknown or revoked.
    Unauthorized,
    /// The id or path names nothing of this tenant.
    NotFound,
    /// An id in the path or query is not a number.
    InvalidId,
    /// A query parameter has a value outside what it accepts.
    InvalidParameter,
    /// The request body is malformed (wrong form encoding, not UTF-8 where it must be).
    InvalidBody,
    /// The request body is over the route's size limit.
    PayloadTooLarge,
    /// The request conflicts with the current state (e.g. undoing a link twice).
    Conflict,
    /// The body is well-formed but some settings are refused; `fields` names each one.
    InvalidSettings,
    /// The path exists, the method does not.
    MethodNotAllowed,
    /// The database is unreachable.
    Unavailable,
    /// A bug or corrupt data on our side; details are in the server log, not the response.
    Internal,
}

impl ErrorCode {
    pub fn status(self) -> StatusCode {
        match self {
            ErrorCode::Unauthorized => StatusCode::UNAUTHORIZED,
            ErrorCode::NotFound => StatusCode::NOT_FOUND,
            ErrorCode::InvalidId | ErrorCode::InvalidParameter | ErrorCode::InvalidBody => {
                StatusCode::BAD_REQUEST
            }
            ErrorCode::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::Conflict => StatusCode::CONFLICT,
            ErrorCode::InvalidSettings => StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
        }
    }

    pub fn not_found(what: impl std::fmt::Display) -> Self {
        Self::new(ErrorCode::NotFound, format!("{what} not found"))
    }

    pub fn unauthorized() -> Self {
        Self::new(
            ErrorCode::Unauthorized,
            "a valid API token is required: send \"Authorization: Bearer <token>\"",
        )
    }

    pub fn invalid_parameter(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidParameter, message)
    }
}

/// The JSON body of every error response.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Error)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    pub code: ErrorCode,
    /// What went wrong, for a person; may change between versions.
    pub message: String,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.code.status();
        let unauthorized = self.code == ErrorCode::Unauthorized;
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code,
                message: self.message,
            },
        };
        let mut response = (status, Json(body)).into_response();
        if unauthorized {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"cairn\""),
            );
        }
        response
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(what) => ApiError::not_found(what),
            StoreError::Invalid(message) => ApiError::new(ErrorCode::Conflict, message),
            StoreError::Db(sqlx_error) if is_unavailable(&sqlx_error) => {
                tracing::warn!(error = %sqlx_error, "database unavailable");
                ApiError::new(ErrorCode::Unavailable, "the database is not reachable")
            }
            // The detail may name tables or stored values: it goes to the log, not the client.
            other => {
                tracing::error!(error = %other, "storage failure");
                ApiError::new(ErrorCode::Internal, "internal error; see the server log")
            }
        }
    }
}

fn is_unavailable(e: &sqlx::Error) -> bool {
    matches!(
        e,
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_)
    )
}
