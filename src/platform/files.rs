//! Moving files in and out of the app: share (Web Share API with files, where the phone has
//! it), download, copy as text, and reading picked or dropped files.

use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, File, FilePropertyBag, HtmlAnchorElement, Url};

/// What happened to a file we offered.
#[derive(Debug, Clone, PartialEq)]
pub enum Sent {
    Shared,
    Downloaded,
    Cancelled,
}

/// Share through the system sheet (WeChat and other chat apps) when the browser can share
/// files; otherwise save it as a download.
pub async fn share_or_download(name: &str, text: &str, title: &str) -> Result<Sent, String> {
    let file = json_file(name, text)?;
    if can_share_files(&file) {
        let data = js_sys::Object::new();
        let _ = Reflect::set(&data, &"files".into(), &Array::of1(&file));
        let _ = Reflect::set(&data, &"title".into(), &title.into());
        let navigator = web_sys::window().ok_or("no window")?.navigator();
        let share = Reflect::get(&navigator, &"share".into()).map_err(|_| "无法调用分享")?;
        let share: js_sys::Function = share.dyn_into().map_err(|_| "无法调用分享")?;
        let promise: js_sys::Promise =
            share.call1(&navigator, &data).map_err(|_| "分享失败")?.dyn_into().map_err(|_| "分享失败")?;
        return match JsFuture::from(promise).await {
            Ok(_) => Ok(Sent::Shared),
            // The person closed the share sheet: not an error, and nothing was sent.
            Err(e) if format!("{e:?}").contains("AbortError") => Ok(Sent::Cancelled),
            Err(_) => download(name, text).map(|_| Sent::Downloaded),
        };
    }
    download(name, text).map(|_| Sent::Downloaded)
}

/// Share or save a file, and say in Chinese what became of it.
pub async fn send(name: &str, text: &str, title: &str) -> Result<String, String> {
    Ok(match share_or_download(name, text, title).await? {
        Sent::Shared => format!("已分享“{name}”。"),
        Sent::Downloaded => format!("已保存文件“{name}”，请通过聊天软件发送。"),
        Sent::Cancelled => "已取消分享，没有发送。".into(),
    })
}

/// `navigator.share` is undefined on desktop Chromium, and calling the missing binding throws
/// an uncatchable TypeError: feature-detect through Reflect first.
fn can_share_files(file: &File) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let navigator = window.navigator();
    if !Reflect::has(&navigator, &"share".into()).unwrap_or(false)
        || !Reflect::has(&navigator, &"canShare".into()).unwrap_or(false)
    {
        return false;
    }
    let data = js_sys::Object::new();
    let _ = Reflect::set(&data, &"files".into(), &Array::of1(file));
    Reflect::get(&navigator, &"canShare".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(&navigator, &data).ok())
        .map(|v| v.is_truthy())
        .unwrap_or(false)
}

fn json_file(name: &str, text: &str) -> Result<File, String> {
    let parts = Array::of1(&JsValue::from_str(text));
    let options = FilePropertyBag::new();
    options.set_type("application/json");
    File::new_with_str_sequence_and_options(&parts, name, &options).map_err(|_| "无法生成文件".to_string())
}

/// Save text as a file through a temporary link.
pub fn download(name: &str, text: &str) -> Result<(), String> {
    download_as(name, text, "application/json")
}

pub fn download_as(name: &str, text: &str, mime: &str) -> Result<(), String> {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&Array::of1(&JsValue::from_str(text)), &options)
        .map_err(|_| "无法生成文件")?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|_| "无法生成文件")?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let link: HtmlAnchorElement = document.create_element("a").map_err(|_| "无法下载")?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    let _ = Url::revoke_object_url(&url);
    Ok(())
}

/// Copy text to the clipboard (for pasting into a chat when files cannot be sent).
pub async fn copy_text(text: &str) -> Result<(), String> {
    let clipboard = web_sys::window().ok_or("no window")?.navigator().clipboard();
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| "复制失败：浏览器不允许访问剪贴板".to_string())
}

/// The bytes of a picked or dropped file. Chat apps rename files, so the name is only shown,
/// never trusted.
pub async fn read_bytes(file: &File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|_| format!("无法读取文件“{}”", file.name()))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// All files of a file input's or a drop's FileList.
pub fn list(files: Option<web_sys::FileList>) -> Vec<File> {
    let Some(files) = files else { return Vec::new() };
    (0..files.length()).filter_map(|i| files.get(i)).collect()
}

/// The files picked in an `<input type="file">`; the input is cleared so the same file can be
/// picked again (chat apps resend).
pub fn picked(ev: &web_sys::Event) -> Vec<File> {
    let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
        return Vec::new();
    };
    let files = list(input.files());
    input.set_value("");
    files
}

/// The files dropped on a drop zone.
pub fn dropped(ev: &web_sys::DragEvent) -> Vec<File> {
    ev.prevent_default();
    list(ev.data_transfer().and_then(|d| d.files()))
}
