// Checked by `tsc --noEmit --strict` against dist/typescript/index.d.ts (tests/dist/test_dist.py).
// Each @ts-expect-error line must fail to compile: the types are as strict as the schema's shape.
import type { ChatResponse, EmbeddingResponse, Usage, VideoJobStatus } from "./index";

const usage: Usage = { tokens_prompt: 1, tokens_completion: 2, tokens_total: 3, cost: 0.1, latency: 0.2 };

const chat: ChatResponse = {
  request_id: "3f2b8c1e-6d4a-4f7e-9b2c-1a5d7e9f0c3b",
  created_at: "2025-10-26T16:48:59",
  duration_ms: 12.5,
  provider: "openai",
  model: "gpt-4o-mini",
  data: "Hello",
  usage,
  request_count: 1, // members the page does not list are allowed (default profile)
};

const total: number | undefined = chat.usage?.tokens_total;
const status: VideoJobStatus["status"] = "in_progress";
const vectors: number[][] = ([] as EmbeddingResponse["data"]);

// @ts-expect-error request_id is a string
const wrongId: ChatResponse = { ...chat, request_id: 42 };
// @ts-expect-error model is required
const missingModel: ChatResponse = { request_id: "x", created_at: "x", duration_ms: 1, provider: "p", data: "d" };
// @ts-expect-error status is one of four states
const wrongStatus: VideoJobStatus["status"] = "done";
// @ts-expect-error tokens are numbers, not strings
const wrongUsage: Usage = { ...usage, tokens_total: "3" };

export { chat, total, status, vectors, wrongId, missingModel, wrongStatus, wrongUsage };
