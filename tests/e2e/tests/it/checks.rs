//! What several journeys check on the page: no user text became markup, the shape of a
//! recovery key, the texts of a list.

use fantoccini::Client;

use crate::driver::{count, js};

/// The Crockford base-32 alphabet the recovery key is written in.
const CROCKFORD: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A recovery key as the app shows it: eight groups of four Crockford characters.
pub fn is_recovery_key_shape(key: &str) -> bool {
    let groups: Vec<&str> = key.split('-').collect();
    groups.len() == 8
        && groups
            .iter()
            .all(|g| g.len() == 4 && g.chars().all(|c| CROCKFORD.contains(c)))
}

/// No markup from a note, a name or a tag became an element, and no script ran.
pub async fn assert_no_injected_markup(client: &Client) {
    let injected = count(
        client,
        "main img, main script, dialog img, dialog script, .toasts img, .toasts script",
    )
    .await;
    assert_eq!(injected, 0, "user text must never become markup");
    assert!(
        client.get_alert_text().await.is_err(),
        "no script from user text may run"
    );
}

/// The texts of every element matching `selector`, in order.
pub async fn texts(client: &Client, selector: &str) -> Vec<String> {
    let script =
        format!("return [...document.querySelectorAll({selector:?})].map((n) => n.textContent);");
    serde_json::from_value(js(client, &script).await).unwrap_or_default()
}
