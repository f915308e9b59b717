use std::io::{self, BufRead, Write};

mod audio_response;
mod chat_response;
mod completion_response;
mod embedding_response;
mod error_body;
mod image_response;
mod usage;
mod validation_error_body;
mod video_job_status;
mod video_response;

fn again<T: serde::de::DeserializeOwned + serde::Serialize>(payload: serde_json::Value) -> Result<String, String> {
    let value: T = serde_json::from_value(payload).map_err(|e| e.to_string())?;
    serde_json::to_string(&value).map_err(|e| e.to_string())
}

fn roundtrip(line: &str) -> Result<String, String> {
    let request: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let name = request.get("type").and_then(|t| t.as_str()).ok_or("no type")?.to_string();
    let payload = request.get("payload").cloned().ok_or("no payload")?;
    match name.as_str() {
        "Usage" => again::<usage::Usage>(payload),
        "ChatResponse" => again::<chat_response::ChatResponse>(payload),
        "CompletionResponse" => again::<completion_response::CompletionResponse>(payload),
        "EmbeddingResponse" => again::<embedding_response::EmbeddingResponse>(payload),
        "ImageResponse" => again::<image_response::ImageResponse>(payload),
        "VideoResponse" => again::<video_response::VideoResponse>(payload),
        "AudioResponse" => again::<audio_response::AudioResponse>(payload),
        "VideoJobStatus" => again::<video_job_status::VideoJobStatus>(payload),
        "ErrorBody" => again::<error_body::ErrorBody>(payload),
        "ValidationErrorBody" => again::<validation_error_body::ValidationErrorBody>(payload),
        other => Err(format!("unknown type {:?}", other)),
    }
}

fn main() {
    let stdin = io::stdin();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for line in stdin.lock().lines() {
        let line = line.expect("standard input is not UTF-8");
        let answer = roundtrip(&line).unwrap_or_else(|e| serde_json::json!({ "error": e }).to_string());
        writeln!(out, "{}", answer).expect("cannot write");
    }
}
