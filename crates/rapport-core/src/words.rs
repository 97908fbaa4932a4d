//! Small enums that are stored, typed and printed as lower-case words (an entry's kind, a
//! partner's relationship, an action's owner, ...): one declaration gives each its word list.

/// For an enum whose variants each stand for one word: `ALL` (in the order given), `as_str`
/// (the stored word), and a lenient `FromStr` (trimmed, any case, `-` or a space for `_`) whose
/// error names `field` and lists the choices as `hint` says.
macro_rules! word_enum {
    ($ty:ident, field: $field:literal, hint: $hint:literal, { $($variant:ident => $word:literal),+ $(,)? }) => {
        impl $ty {
            /// Every value, in the order people see them.
            pub const ALL: [$ty; [$($word),+].len()] = [$($ty::$variant),+];

            /// The stored word.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $word),+
                }
            }
        }

        impl std::str::FromStr for $ty {
            type Err = crate::error::InputError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                let text = text.trim().to_lowercase().replace(['-', ' '], "_");
                $ty::ALL
                    .into_iter()
                    .find(|value| value.as_str() == text)
                    .ok_or_else(|| crate::error::InputError::new($field, $hint))
            }
        }
    };
}

pub(crate) use word_enum;
