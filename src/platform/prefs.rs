//! Small settings kept in localStorage (role, device key pointer...). The event log itself
//! does not live here: localStorage holds ~5M characters, far too little for a community.

use gloo_storage::{LocalStorage, Storage};
use serde::{de::DeserializeOwned, Serialize};

const PREFIX: &str = "huanjie.";

/// Why a setting could not be saved, in words for the person using the app.
pub fn save<T: Serialize>(key: &str, value: &T) -> Result<(), String> {
    if !available() {
        return Err("浏览器禁止了本地存储（可能处于无痕模式），设置无法保存。".into());
    }
    LocalStorage::set(format!("{PREFIX}{key}"), value).map_err(|e| {
        let text = e.to_string();
        if text.contains("QuotaExceeded") {
            "手机存储空间已满，设置没有保存。请先导出备份，再清理空间。".into()
        } else {
            format!("设置没有保存：{text}")
        }
    })
}

pub fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    if !available() {
        return None;
    }
    LocalStorage::get(format!("{PREFIX}{key}")).ok()
}

pub fn remove(key: &str) {
    if available() {
        LocalStorage::delete(format!("{PREFIX}{key}"));
    }
}

/// Remove every setting of this app (the role, the device key, the office's choices): the
/// phone then starts as a new device.
pub fn clear_all() {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else { return };
    let keys: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(PREFIX))
        .collect();
    for k in keys {
        let _ = storage.remove_item(&k);
    }
}

/// `LocalStorage::raw()` panics where storage is blocked, so probe the window first.
fn available() -> bool {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten()).is_some()
}
