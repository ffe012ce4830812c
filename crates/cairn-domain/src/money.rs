//! Money as an exact decimal with a currency. Never a float.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An exact decimal number: `units / 10^scale`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Decimal {
    units: i64,
    scale: u8,
}

impl Decimal {
    const MAX_SCALE: u8 = 6;

    /// Parses `49.90`, `-3`, `1234.5`. Rejects exponents, thousands separators and more than
    /// six decimal places: those are data errors, not money.
    pub fn parse(raw: &str) -> Result<Decimal, String> {
        let s = raw.trim();
        let err = || format!("{raw:?} is not a decimal amount like \"49.90\"");
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(s)),
        };
        let (int_part, frac_part) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if int_part.is_empty() && frac_part.is_empty() {
            return Err(err());
        }
        if !int_part.bytes().all(|b| b.is_ascii_digit())
            || !frac_part.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(err());
        }
        if frac_part.len() > Self::MAX_SCALE as usize {
            return Err(format!("{raw:?} has more than six decimal places"));
        }
        let mut units: i64 = 0;
        for b in int_part.bytes().chain(frac_part.bytes()) {
            units = units
                .checked_mul(10)
                .and_then(|u| u.checked_add(i64::from(b - b'0')))
                .ok_or_else(|| format!("{raw:?} is too large an amount"))?;
        }
        Ok(Decimal {
            units: if neg { -units } else { units },
            scale: frac_part.len() as u8,
        })
    }

    pub fn from_units(units: i64, scale: u8) -> Decimal {
        Decimal { units, scale }
    }

    pub fn units(self) -> i64 {
        self.units
    }

    pub fn scale(self) -> u8 {
        self.scale
    }

    /// Value in millionths, for comparisons and sums across scales.
    pub fn micros(self) -> i128 {
        i128::from(self.units) * 10i128.pow(u32::from(Self::MAX_SCALE - self.scale))
    }

    pub fn is_zero(self) -> bool {
        self.units == 0
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let neg = self.units < 0;
        let abs = self.units.unsigned_abs();
        if self.scale == 0 {
            return write!(f, "{}{}", if neg { "-" } else { "" }, abs);
        }
        let pow = 10u64.pow(u32::from(self.scale));
        write!(
            f,
            "{}{}.{:0width$}",
            if neg { "-" } else { "" },
            abs / pow,
            abs % pow,
            width = self.scale as usize
        )
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Decimal::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// An ISO 4217 currency code (three uppercase letters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Currency([u8; 3]);

impl Currency {
    pub fn parse(raw: &str) -> Result<Currency, String> {
        let s = raw.trim().to_ascii_uppercase();
        let b = s.as_bytes();
        if b.len() == 3 && b.iter().all(u8::is_ascii_uppercase) {
            Ok(Currency([b[0], b[1], b[2]]))
        } else {
            Err(format!(
                "{raw:?} is not a three-letter currency code like \"EUR\""
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII uppercase letters ever get in (see `parse`).
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Currency::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    pub amount: Decimal,
    pub currency: Currency,
}

impl Money {
    pub fn parse(amount: &str, currency: &str) -> Result<Money, String> {
        Ok(Money {
            amount: Decimal::parse(amount)?,
            currency: Currency::parse(currency)?,
        })
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_round_trip() {
        for (input, shown) in [
            ("49.90", "49.90"),
            ("0.5", "0.5"),
            ("-3", "-3"),
            ("+12.000", "12.000"),
            (".75", "0.75"),
            ("1234567.891234", "1234567.891234"),
        ] {
            assert_eq!(
                Decimal::parse(input).map(|d| d.to_string()),
                Ok(shown.into())
            );
        }
    }

    #[test]
    fn bad_amounts_are_rejected() {
        for input in [
            "",
            ".",
            "1e3",
            "1,000.00",
            "abc",
            "1.1234567",
            "99999999999999999999",
        ] {
            assert!(Decimal::parse(input).is_err(), "{input} should be rejected");
        }
    }

    #[test]
    fn micros_compare_across_scales() {
        let a = Decimal::parse("1.5").unwrap_or(Decimal::from_units(0, 0));
        let b = Decimal::parse("1.500").unwrap_or(Decimal::from_units(0, 0));
        assert_eq!(a.micros(), b.micros());
    }

    #[test]
    fn currency_codes() {
        assert_eq!(
            Currency::parse("eur").map(|c| c.to_string()),
            Ok("EUR".into())
        );
        assert!(Currency::parse("EURO").is_err());
        assert!(Currency::parse("€").is_err());
    }
}
