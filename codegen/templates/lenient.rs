//! Lenient decoding of response members, used by every type a response can hold.
//!
//! The service omits and nulls members its description promises, and the same member can
//! arrive as `10` in one answer and `"10"` in another. So a response member never fails the
//! whole decoding for being missing or null, and text and numbers convert into each other:
//!
//! - integer and float members accept JSON numbers and strings holding one (`"10"`); an
//!   empty string counts as no value; integers stay exact up to `u64::MAX` / `i64::MIN`;
//! - boolean members accept `true`/`false`, `1`/`0` and those spelled as strings;
//! - text members accept strings, and keep numbers, booleans, lists and objects as their
//!   JSON text, so nothing the service sent is lost;
//! - lists skip `null` elements.
//!
//! A value that fits none of these (such as `"abc"` for a number) still fails, naming what
//! was expected.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

/// A type that decodes leniently: `Ok(None)` means the JSON holds no value for it.
pub trait Lenient: Sized {
    /// Decodes one value; `None` for `null` (and for an empty string where a number belongs).
    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error>;
}

/// Decodes an optional member.
pub fn optional<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Lenient,
{
    T::decode(deserializer)
}

/// Decodes an optional member held in a `Box` (recursive objects).
pub fn optional_boxed<'de, D, T>(deserializer: D) -> Result<Option<Box<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Lenient,
{
    Ok(T::decode(deserializer)?.map(Box::new))
}

/// Decodes a member held plainly: no value becomes `T::default()`.
pub fn or_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Lenient + Default,
{
    Ok(T::decode(deserializer)?.unwrap_or_default())
}

/// Decodes a generated object with its derived `Deserialize`; `null` is no value.
pub fn object<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer)
}

impl<T: Lenient> Lenient for Vec<T> {
    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error> {
        deserializer.deserialize_any(ListVisitor(PhantomData))
    }
}

struct ListVisitor<T>(PhantomData<T>);

impl<'de, T: Lenient> Visitor<'de> for ListVisitor<T> {
    type Value = Option<Vec<T>>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a list")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(access.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = access.next_element_seed(Element::<T>(PhantomData))? {
            items.extend(item);
        }
        Ok(Some(items))
    }
}

/// One list element, decoded leniently.
struct Element<T>(PhantomData<T>);

impl<'de, T: Lenient> de::DeserializeSeed<'de> for Element<T> {
    type Value = Option<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        T::decode(deserializer)
    }
}

impl Lenient for String {
    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error> {
        deserializer.deserialize_any(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Option<String>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("text")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Ok(Some(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
        Ok(Some(value))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        Ok(Some(value.to_string()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Ok(Some(value.to_string()))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Ok(Some(value.to_string()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        Ok(Some(serde_json::Number::from_f64(value).map_or_else(|| value.to_string(), |n| n.to_string())))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, access: A) -> Result<Self::Value, A::Error> {
        let value = serde_json::Value::deserialize(de::value::SeqAccessDeserializer::new(access))?;
        Ok(Some(value.to_string()))
    }

    fn visit_map<A: MapAccess<'de>>(self, access: A) -> Result<Self::Value, A::Error> {
        let value = serde_json::Value::deserialize(de::value::MapAccessDeserializer::new(access))?;
        Ok(Some(value.to_string()))
    }
}

impl Lenient for bool {
    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error> {
        deserializer.deserialize_any(BoolVisitor)
    }
}

struct BoolVisitor;

impl<'de> Visitor<'de> for BoolVisitor {
    type Value = Option<bool>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a boolean, 0 or 1, or a string holding one")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        Ok(Some(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        match value {
            0 => Ok(Some(false)),
            1 => Ok(Some(true)),
            _ => Err(E::invalid_value(de::Unexpected::Unsigned(value), &self)),
        }
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        match value {
            0 => Ok(Some(false)),
            1 => Ok(Some(true)),
            _ => Err(E::invalid_value(de::Unexpected::Signed(value), &self)),
        }
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        match value.trim() {
            "" => Ok(None),
            "true" | "True" | "TRUE" | "1" => Ok(Some(true)),
            "false" | "False" | "FALSE" | "0" => Ok(Some(false)),
            _ => Err(E::invalid_value(de::Unexpected::Str(value), &self)),
        }
    }
}

/// Implements [`Lenient`] for a number type through a visitor accepting numbers and text.
macro_rules! lenient_number {
    ($ty:ty, $visitor:ident, $expecting:literal) => {
        impl Lenient for $ty {
            fn decode<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Option<Self>, D::Error> {
                deserializer.deserialize_any($visitor)
            }
        }

        struct $visitor;

        impl<'de> Visitor<'de> for $visitor {
            type Value = Option<$ty>;

            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str($expecting)
            }

            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }

            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }

            fn visit_some<D: Deserializer<'de>>(
                self,
                deserializer: D,
            ) -> Result<Self::Value, D::Error> {
                deserializer.deserialize_any(self)
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
                <$ty as FromJsonNumber>::from_u64(value)
                    .map(Some)
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Unsigned(value), &self))
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
                <$ty as FromJsonNumber>::from_i64(value)
                    .map(Some)
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Signed(value), &self))
            }

            fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
                <$ty as FromJsonNumber>::from_f64(value)
                    .map(Some)
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Float(value), &self))
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
                let trimmed = value.trim();
                if trimmed.is_empty() {
                    return Ok(None);
                }
                <$ty as FromJsonNumber>::from_text(trimmed)
                    .map(Some)
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Str(value), &self))
            }
        }
    };
}

lenient_number!(u64, UnsignedVisitor, "an unsigned integer, or a string holding one");
lenient_number!(i64, SignedVisitor, "an integer, or a string holding one");
lenient_number!(f64, FloatVisitor, "a number, or a string holding one");

/// Exact conversions from the number forms JSON gives.
trait FromJsonNumber: Sized {
    fn from_u64(value: u64) -> Option<Self>;
    fn from_i64(value: i64) -> Option<Self>;
    fn from_f64(value: f64) -> Option<Self>;
    fn from_text(text: &str) -> Option<Self>;
}

impl FromJsonNumber for u64 {
    fn from_u64(value: u64) -> Option<Self> {
        Some(value)
    }

    fn from_i64(value: i64) -> Option<Self> {
        u64::try_from(value).ok()
    }

    fn from_f64(value: f64) -> Option<Self> {
        // 2^64 as f64; every integral f64 below it converts exactly.
        (value.fract() == 0.0 && (0.0..18_446_744_073_709_551_616.0).contains(&value))
            .then_some(value as u64)
    }

    fn from_text(text: &str) -> Option<Self> {
        text.parse()
            .ok()
            .or_else(|| text.parse::<f64>().ok().and_then(Self::from_f64))
    }
}

impl FromJsonNumber for i64 {
    fn from_u64(value: u64) -> Option<Self> {
        i64::try_from(value).ok()
    }

    fn from_i64(value: i64) -> Option<Self> {
        Some(value)
    }

    fn from_f64(value: f64) -> Option<Self> {
        // -2^63 ..= 2^63 (exclusive) as f64.
        (value.fract() == 0.0 && (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&value))
            .then_some(value as i64)
    }

    fn from_text(text: &str) -> Option<Self> {
        text.parse()
            .ok()
            .or_else(|| text.parse::<f64>().ok().and_then(Self::from_f64))
    }
}

impl FromJsonNumber for f64 {
    fn from_u64(value: u64) -> Option<Self> {
        Some(value as f64)
    }

    fn from_i64(value: i64) -> Option<Self> {
        Some(value as f64)
    }

    fn from_f64(value: f64) -> Option<Self> {
        Some(value)
    }

    fn from_text(text: &str) -> Option<Self> {
        text.parse().ok().filter(|value: &f64| value.is_finite())
    }
}
