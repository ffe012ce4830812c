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

/// Marks where a bound value goes until the statement is rendered for its backend.
const SLOT: char = '\u{1}';

/// A statement under construction. Placeholders are rendered when it runs: `?` on SQLite,
/// `$n` on PostgreSQL. (SQLite resolves named and numbered placeholders through a list it scans
/// linearly, which makes a statement with thousands of values quadratic; plain `?` is not.)
#[derive(Default)]
pub struct Sql {
    text: String,
    args: AnyArguments,
    count: usize,
}

/// Where a statement runs, and whether that is SQLite.
pub trait Target<'c>: sqlx::Executor<'c, Database = sqlx::Any> {
    fn is_sqlite(&self) -> bool;
}

impl<'c> Target<'c> for &'c mut sqlx::AnyConnection {
    fn is_sqlite(&self) -> bool {
        self.backend_name() == "SQLite"
    }
}

impl<'c> Target<'c> for &'c sqlx::AnyPool {
    fn is_sqlite(&self) -> bool {
        self.connect_options()
            .database_url
            .scheme()
            .starts_with("sqlite")
    }
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
        self.text.push(SLOT);
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

    fn render(self, sqlite: bool) -> sqlx::query::Query<'static, sqlx::Any, AnyArguments> {
        let mut text = String::with_capacity(self.text.len() + self.count * 4);
        let mut n = 0usize;
        for c in self.text.chars() {
            if c == SLOT {
                n += 1;
                if sqlite {
                    text.push('?');
                } else {
                    text.push('$');
                    text.push_str(&n.to_string());
                }
            } else {
                text.push(c);
            }
        }
        sqlx::query_with(AssertSqlSafe(text), self.args)
    }

    pub async fn execute<'c, T: Target<'c>>(
        self,
        target: T,
    ) -> Result<sqlx::any::AnyQueryResult, sqlx::Error> {
        let sqlite = target.is_sqlite();
        self.render(sqlite).execute(target).await
    }

    pub async fn fetch_all<'c, T: Target<'c>>(self, target: T) -> Result<Vec<AnyRow>, sqlx::Error> {
        let sqlite = target.is_sqlite();
        self.render(sqlite).fetch_all(target).await
    }

    pub async fn fetch_one<'c, T: Target<'c>>(self, target: T) -> Result<AnyRow, sqlx::Error> {
        let sqlite = target.is_sqlite();
        self.render(sqlite).fetch_one(target).await
    }

    pub async fn fetch_optional<'c, T: Target<'c>>(
        self,
        target: T,
    ) -> Result<Option<AnyRow>, sqlx::Error> {
        let sqlite = target.is_sqlite();
        self.render(sqlite).fetch_optional(target).await
    }
}

/// Appends `v` to `out` as a JSON value.
fn push_json(out: &mut String, v: &Val) {
    match v {
        Val::I(Some(x)) => {
            use std::fmt::Write;
            let _ = write!(out, "{x}");
        }
        Val::T(Some(text)) => push_json_str(out, text),
        Val::I(None) | Val::T(None) => out.push_str("null"),
    }
}

fn push_json_str(out: &mut String, text: &str) {
    out.push('"');
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        if escape.is_empty() {
            use std::fmt::Write;
            let _ = write!(out, "\\u{b:04x}");
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&text[start..]);
    out.push('"');
}

/// Rows of values as one JSON array of arrays: a whole batch of rows travels as a single bound
/// text value, and the statement reading it keeps the same text from batch to batch, so it is
/// prepared once and found in the statement cache after that. (Thousands of individual
/// placeholders cost more to bind than the database needs to parse the JSON, and every
/// different row count was a new statement to prepare.)
pub fn json_rows(rows: &[Vec<Val>]) -> String {
    let mut out = String::with_capacity(rows.len() * 128);
    out.push('[');
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        for (j, v) in row.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            push_json(&mut out, v);
        }
        out.push(']');
    }
    out.push(']');
    out
}

/// `SELECT …` reading the columns of [`json_rows`] back on PostgreSQL, with the statement's
/// closing part; `ints` says which columns are integers and need the cast.
pub fn json_rows_select(ints: &[bool]) -> (String, &'static str) {
    let cols: Vec<String> = ints
        .iter()
        .enumerate()
        .map(|(i, int)| {
            if *int {
                format!("(r->>{i})::bigint")
            } else {
                format!("r->>{i}")
            }
        })
        .collect();
    (
        format!("SELECT {} FROM json_array_elements(", cols.join(", ")),
        "::json) AS j(r)",
    )
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

#[cfg(test)]
mod json_tests {
    use super::*;

    #[test]
    fn json_rows_round_trip_through_a_json_parser() {
        let nasty =
            "quote \" backslash \\ newline \n tab \t nul \u{0} bell \u{7} ümlaut 😀 </script>";
        let rows = vec![
            vec![
                Val::I(Some(-42)),
                Val::T(Some(nasty.to_string())),
                Val::I(None),
            ],
            vec![
                Val::I(Some(i64::MAX)),
                Val::T(None),
                Val::T(Some(String::new())),
            ],
        ];
        let parsed: serde_json::Value =
            serde_json::from_str(&json_rows(&rows)).expect("valid JSON");
        assert_eq!(
            parsed,
            serde_json::json!([[-42, nasty, null], [i64::MAX, null, ""]])
        );
    }
}
