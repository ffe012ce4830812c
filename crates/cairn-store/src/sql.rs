//! A small builder for statements with `$n` placeholders, which both SQLite and PostgreSQL read,
//! plus conversions between stored columns and domain values.

use jiff::Timestamp;
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::{Arguments, AssertSqlSafe, Row};

use crate::StoreError;

/// One bound value. Only 64-bit integers and text are stored, so both backends agree.
#[derive(Clone, Debug)]
pub enum Val {
    I(Option<i64>),
    T(Option<String>),
}

impl From<i64> for Val {
    fn from(v: i64) -> Self {
        Val::I(Some(v))
    }
}
impl From<Option<i64>> for Val {
    fn from(v: Option<i64>) -> Self {
        Val::I(v)
    }
}
impl From<String> for Val {
    fn from(v: String) -> Self {
        Val::T(Some(v))
    }
}
impl From<&str> for Val {
    fn from(v: &str) -> Self {
        Val::T(Some(v.to_string()))
    }
}
impl From<Option<String>> for Val {
    fn from(v: Option<String>) -> Self {
        Val::T(v)
    }
}
impl From<Option<&str>> for Val {
    fn from(v: Option<&str>) -> Self {
        Val::T(v.map(str::to_string))
    }
}
impl From<Timestamp> for Val {
    fn from(v: Timestamp) -> Self {
        Val::I(Some(v.as_millisecond()))
    }
}
impl From<Option<Timestamp>> for Val {
    fn from(v: Option<Timestamp>) -> Self {
        Val::I(v.map(|t| t.as_millisecond()))
    }
}

/// A statement under construction.
#[derive(Default)]
pub struct Sql {
    pub text: String,
    args: AnyArguments,
    count: usize,
}

impl Sql {
    pub fn new(text: &str) -> Self {
        Sql {
            text: text.to_string(),
            ..Sql::default()
        }
    }

    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Binds a value and writes its placeholder.
    pub fn bind(&mut self, v: impl Into<Val>) -> &mut Self {
        self.count += 1;
        self.text.push('$');
        self.text.push_str(&self.count.to_string());
        // Adding an i64 or a String to AnyArguments cannot fail.
        let _ = match v.into() {
            Val::I(x) => self.args.add(x),
            Val::T(x) => self.args.add(x),
        };
        self
    }

    /// Writes `($a, $b, …)` for a list of values.
    pub fn bind_list<V: Into<Val>>(&mut self, values: impl IntoIterator<Item = V>) -> &mut Self {
        self.text.push('(');
        for (i, v) in values.into_iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.bind(v);
        }
        self.text.push(')');
        self
    }

    pub fn build(self) -> sqlx::query::Query<'static, sqlx::Any, AnyArguments> {
        sqlx::query_with(AssertSqlSafe(self.text), self.args)
    }
}

/// Most values one statement may bind (SQLite's limit is 32766; PostgreSQL's 65535).
pub const MAX_BINDS: usize = 30_000;

pub fn get_i64(row: &AnyRow, col: &str) -> Result<i64, StoreError> {
    row.try_get::<i64, _>(col)
        .map_err(|e| StoreError::column(col, e))
}

pub fn get_opt_i64(row: &AnyRow, col: &str) -> Result<Option<i64>, StoreError> {
    row.try_get::<Option<i64>, _>(col)
        .map_err(|e| StoreError::column(col, e))
}

pub fn get_str(row: &AnyRow, col: &str) -> Result<String, StoreError> {
    row.try_get::<String, _>(col)
        .map_err(|e| StoreError::column(col, e))
}

pub fn get_opt_str(row: &AnyRow, col: &str) -> Result<Option<String>, StoreError> {
    row.try_get::<Option<String>, _>(col)
        .map_err(|e| StoreError::column(col, e))
}

pub fn ts(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH)
}

pub fn get_ts(row: &AnyRow, col: &str) -> Result<Timestamp, StoreError> {
    get_i64(row, col).map(ts)
}

pub fn get_opt_ts(row: &AnyRow, col: &str) -> Result<Option<Timestamp>, StoreError> {
    get_opt_i64(row, col).map(|v| v.map(ts))
}

pub fn get_json<T: serde::de::DeserializeOwned>(row: &AnyRow, col: &str) -> Result<T, StoreError> {
    let text = get_str(row, col)?;
    serde_json::from_str(&text).map_err(|e| StoreError::Corrupt(format!("column {col}: {e}")))
}

pub fn get_opt_json<T: serde::de::DeserializeOwned>(
    row: &AnyRow,
    col: &str,
) -> Result<Option<T>, StoreError> {
    match get_opt_str(row, col)? {
        None => Ok(None),
        Some(text) => serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| StoreError::Corrupt(format!("column {col}: {e}"))),
    }
}

pub fn to_json<T: serde::Serialize>(v: &T) -> String {
    // Our own plain types always serialise.
    serde_json::to_string(v).unwrap_or_else(|_| "null".to_string())
}
