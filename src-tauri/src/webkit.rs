//! WebKitGTK settings that its Rust bindings do not reach: the one place in the workspace with
//! `unsafe` code, a handful of calls into WebKitGTK's feature API (WebKitGTK 2.42 and later).
//!
//! The `webkit2gtk` crate binds WebKitGTK up to 2.40; `WebKitFeature`, which switches individual
//! engine features per web view, came in 2.42. Rapport uses it for one thing, to paint the main
//! column's scrolling into the page instead of giving it a layer of its own (see
//! [`paint_scrolling_in_page`]).

#![allow(unsafe_code)]

use std::ffi::{c_char, c_int, CStr};

use webkit2gtk::glib::translate::ToGlibPtr;
use webkit2gtk::WebViewExt;

/// WebKit's switch for giving each scrolling element a composited layer of its own.
const ASYNC_OVERFLOW_SCROLLING: &str = "AsyncOverflowScrolling";

/// Turns off WebKit's composited ("async") scrolling of elements inside the page, for this web
/// view. Returns false if this WebKitGTK has no such feature (it was renamed or removed): the
/// app then works as before, with the extra memory.
///
/// Why: a composited scroller keeps painted tiles well beyond the visible part. At 100k
/// entries the journal's column held about 12 MB of them (a quarter of the memory Rapport adds
/// to a bare Tauri window; docs/benchmarks.md). Painted with the page, only the visible part
/// is kept, and scrolling a column of text repaints fast enough on a CPU.
pub fn paint_scrolling_in_page(webview: &webkit2gtk::WebView) -> bool {
    let Some(settings) = webview.settings() else {
        return false;
    };
    let settings: *mut ffi::WebKitSettings = settings.to_glib_none().0;
    let mut found = false;
    for_each_feature(|identifier, feature| {
        if identifier == ASYNC_OVERFLOW_SCROLLING.as_bytes() {
            // SAFETY: `settings` is a live WebKitSettings (the web view holds it while this
            // runs on the main thread) and `feature` belongs to the list `for_each_feature`
            // holds for the duration of the call.
            unsafe { ffi::webkit_settings_set_feature_enabled(settings, feature, 0) };
            found = true;
        }
    });
    found
}

/// Calls `visit` with the identifier and handle of every feature this WebKitGTK knows.
fn for_each_feature(mut visit: impl FnMut(&[u8], *mut ffi::WebKitFeature)) {
    // SAFETY: the list is returned with a reference that is ours (transfer full) and released
    // below; its features and their identifiers are owned by it (transfer none) and are only
    // used while it is alive. Identifiers are NUL-terminated static strings.
    unsafe {
        let list = ffi::webkit_settings_get_all_features();
        if list.is_null() {
            return;
        }
        for index in 0..ffi::webkit_feature_list_get_length(list) {
            let feature = ffi::webkit_feature_list_get(list, index);
            if feature.is_null() {
                continue;
            }
            let identifier = ffi::webkit_feature_get_identifier(feature);
            if !identifier.is_null() {
                visit(CStr::from_ptr(identifier).to_bytes(), feature);
            }
        }
        ffi::webkit_feature_list_unref(list);
    }
}

/// The declarations from `webkit/WebKitFeature.h` and `webkit/WebKitSettings.h` that are used
/// here. The library itself is already linked through `webkit2gtk-sys`.
mod ffi {
    use super::{c_char, c_int};

    pub use webkit2gtk::ffi::WebKitSettings;

    #[repr(C)]
    pub struct WebKitFeatureList {
        _opaque: [u8; 0],
    }

    #[repr(C)]
    pub struct WebKitFeature {
        _opaque: [u8; 0],
    }

    extern "C" {
        pub fn webkit_settings_get_all_features() -> *mut WebKitFeatureList;
        pub fn webkit_feature_list_get_length(list: *mut WebKitFeatureList) -> usize;
        pub fn webkit_feature_list_get(
            list: *mut WebKitFeatureList,
            index: usize,
        ) -> *mut WebKitFeature;
        pub fn webkit_feature_list_unref(list: *mut WebKitFeatureList);
        pub fn webkit_feature_get_identifier(feature: *mut WebKitFeature) -> *const c_char;
        pub fn webkit_settings_set_feature_enabled(
            settings: *mut WebKitSettings,
            feature: *mut WebKitFeature,
            enabled: c_int,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Needs no display: the feature list is static data of the library. If a WebKitGTK update
    // renames the feature, this fails instead of the memory quietly coming back.
    #[test]
    fn this_webkit_has_the_async_overflow_scrolling_feature() {
        let mut identifiers = Vec::new();
        for_each_feature(|identifier, _| identifiers.push(identifier.to_vec()));
        assert!(identifiers.len() > 100, "{} features", identifiers.len());
        assert!(identifiers
            .iter()
            .any(|identifier| identifier == ASYNC_OVERFLOW_SCROLLING.as_bytes()));
    }
}
