//! Command arguments that never fail in Tauri's own deserializer, so that a missing argument or
//! one of the wrong type reaches the command and comes back as a typed `invalid_input` error
//! (naming the argument, never echoing its value) instead of an untyped string.

use serde::de::{Deserialize, DeserializeOwned, Deserializer};

use crate::error::IpcError;

/// One argument as the page sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg<T> {
    /// Absent or `null`.
    Missing,
    /// Present but not of the expected type or shape.
    Invalid,
    Given(T),
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Arg<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // `Option` makes Tauri hand over a missing key as `None` instead of failing.
        let value = Option::<serde_json::Value>::deserialize(deserializer)?;
        Ok(match value {
            None | Some(serde_json::Value::Null) => Arg::Missing,
            Some(value) => serde_json::from_value(value).map_or(Arg::Invalid, Arg::Given),
        })
    }
}

impl<T> Arg<T> {
    /// The value, or an error naming the argument.
    pub fn required(self, name: &'static str) -> Result<T, IpcError> {
        match self {
            Arg::Given(value) => Ok(value),
            Arg::Missing => Err(IpcError::invalid_input(format!(
                "missing argument `{name}`"
            ))),
            Arg::Invalid => Err(invalid(name)),
        }
    }

    /// The value if given; an error only when it is there but malformed.
    pub fn optional(self, name: &'static str) -> Result<Option<T>, IpcError> {
        match self {
            Arg::Given(value) => Ok(Some(value)),
            Arg::Missing => Ok(None),
            Arg::Invalid => Err(invalid(name)),
        }
    }
}

fn invalid(name: &'static str) -> IpcError {
    IpcError::invalid_input(format!("argument `{name}` has the wrong type or shape"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Args {
        id: Arg<i64>,
        name: Arg<String>,
    }

    #[test]
    fn missing_wrong_and_given_arguments_are_told_apart() {
        let args: Args = serde_json::from_str(r#"{"id": "secret text"}"#).unwrap();
        let wrong = args.id.required("id").unwrap_err();
        assert!(wrong.message.contains("`id`"));
        assert!(!wrong.message.contains("secret"), "never echoes the value");
        assert!(args.name.clone().optional("name").unwrap().is_none());
        assert!(args
            .name
            .required("name")
            .unwrap_err()
            .message
            .contains("missing"));
        let args: Args = serde_json::from_str(r#"{"id": 7, "name": null}"#).unwrap();
        assert_eq!(args.id.required("id").unwrap(), 7);
    }
}
