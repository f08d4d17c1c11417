//! The JavaScript surface: `new PunchQueue(prefix)` over `localStorage`.
//! Punches and answers cross as JSON text (the page parses them); a refusal
//! is thrown as a `PunchQueueError` with `code`, `path`, `messageZh` and
//! `messageEn`.

use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::{LocalStore, QueueError};

/// Why a call was refused (thrown).
#[wasm_bindgen(js_name = PunchQueueError)]
pub struct JsQueueError {
    inner: QueueError,
}

#[wasm_bindgen(js_class = PunchQueueError)]
impl JsQueueError {
    /// The stable code, e.g. `queue.duplicate_id`.
    #[wasm_bindgen(getter)]
    pub fn code(&self) -> String {
        self.inner.code.to_owned()
    }

    /// The field (`$.id`) or storage key it is about.
    #[wasm_bindgen(getter)]
    pub fn path(&self) -> String {
        self.inner.path.clone()
    }

    /// The message in Chinese.
    #[wasm_bindgen(getter, js_name = messageZh)]
    pub fn message_zh(&self) -> String {
        self.inner.message_zh.clone()
    }

    /// The message in English.
    #[wasm_bindgen(getter, js_name = messageEn)]
    pub fn message_en(&self) -> String {
        self.inner.message_en.clone()
    }
}

impl From<QueueError> for JsQueueError {
    fn from(inner: QueueError) -> Self {
        JsQueueError { inner }
    }
}

/// The punch queue in `localStorage`, under keys that start with `prefix`.
#[wasm_bindgen(js_name = PunchQueue)]
pub struct JsPunchQueue {
    inner: crate::PunchQueue<LocalStore>,
}

fn json<T: Serialize>(v: &T) -> String {
    // Values built from JSON and plain strings always serialize.
    serde_json::to_string(v).unwrap_or_else(|_| "null".into())
}

fn parse(
    text: &str,
    code: &'static str,
    what_zh: &str,
    what_en: &str,
) -> Result<Value, JsQueueError> {
    serde_json::from_str(text).map_err(|e| {
        JsQueueError::from(QueueError {
            code,
            path: "$".into(),
            message_zh: format!("{what_zh}不是有效的 JSON：{e}"),
            message_en: format!("{what_en} is not valid JSON: {e}"),
        })
    })
}

#[wasm_bindgen(js_class = PunchQueue)]
impl JsPunchQueue {
    /// The queue under `prefix` (e.g. `peixun.trainee`).
    #[wasm_bindgen(constructor)]
    pub fn new(prefix: &str) -> JsPunchQueue {
        JsPunchQueue {
            inner: crate::PunchQueue::new(LocalStore, prefix),
        }
    }

    /// Queued punches, as a JSON list.
    pub fn queued(&self) -> String {
        json(&self.inner.queued())
    }

    /// Sent punches, as a JSON list.
    pub fn sent(&self) -> String {
        json(&self.inner.sent())
    }

    /// Refused punches, as a JSON list.
    pub fn refused(&self) -> String {
        json(&self.inner.refused())
    }

    /// The punches to send now, as a JSON list.
    pub fn batch(&self) -> String {
        json(&self.inner.batch())
    }

    /// The punches to send now when the verifier takes at most `size` at
    /// once, as a JSON list.
    #[wasm_bindgen(js_name = batchOf)]
    pub fn batch_of(&self, size: usize) -> String {
        json(&self.inner.batch_of(size))
    }

    /// Storage problems found so far, as a JSON list.
    pub fn problems(&self) -> String {
        json(&self.inner.problems())
    }

    /// Queues a punch (JSON text); returns it as JSON text.
    pub fn enqueue(&mut self, punch: &str) -> Result<String, JsQueueError> {
        let punch = parse(punch, "queue.bad_punch", "打卡记录", "the punch")?;
        Ok(json(&self.inner.enqueue(punch)?))
    }

    /// Applies the verifier's answer (JSON text); returns `{sent, refused,
    /// kept}` as JSON text.
    pub fn apply(&mut self, answer: &str) -> Result<String, JsQueueError> {
        let answer = parse(
            answer,
            "queue.bad_answer",
            "核验端的答复",
            "the verifier's answer",
        )?;
        Ok(json(&self.inner.apply(&answer)?))
    }

    /// Takes the verifier's error answer (`status`, the batch sent as JSON
    /// text, the body as JSON text: `null` when it was not JSON); returns
    /// what to do next (`{action, …}`) as JSON text.
    #[wasm_bindgen(js_name = applyError)]
    pub fn apply_error(
        &mut self,
        status: u16,
        batch: &str,
        answer: &str,
    ) -> Result<String, JsQueueError> {
        let batch = parse(
            batch,
            "queue.bad_answer",
            "已发送的打卡记录",
            "the batch sent",
        )?;
        let Value::Array(batch) = batch else {
            return Err(JsQueueError::from(QueueError {
                code: "queue.bad_answer",
                path: "$".into(),
                message_zh: "已发送的打卡记录应为 JSON 列表".into(),
                message_en: "the batch sent must be a JSON list".into(),
            }));
        };
        let answer = parse(
            answer,
            "queue.bad_answer",
            "核验端的答复",
            "the verifier's answer",
        )?;
        Ok(json(&self.inner.apply_error(status, &batch, &answer)?))
    }

    /// This phone's name: the kept one, or else `fresh` (kept from now on).
    #[wasm_bindgen(js_name = deviceId)]
    pub fn device_id(&mut self, fresh: &str) -> Result<String, JsQueueError> {
        Ok(self.inner.device_id(fresh)?)
    }
}
