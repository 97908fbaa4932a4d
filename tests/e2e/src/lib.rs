//! Nothing to see here: this crate exists for its end-to-end tests in `tests/it/`.
//!
//! Run them with `tests/e2e/run.sh`, which builds the app and provides a display and a keychain.
