// Compiled by the real tsc --strict against the installed package: every guard narrows, and wrong
// member types are rejected (each @ts-expect-error must meet an error, or tsc fails).
import {
  ContractError, TYPES, errors, isAudioResponse, isChatResponse, isCompletionResponse, isEmbeddingResponse,
  isImageResponse, isUsage, isValid, isVideoJobStatus, isVideoResponse, schemas, validate,
  type ChatResponse, type ErrorDetail, type ResponseType, type Usage,
} from "indoxhub-contract";

declare const body: unknown;

if (isChatResponse(body)) {
  const total: number | undefined = body.usage?.tokens_total;
  const id: string = body.request_id;
  void [total, id];
}
if (isUsage(body, { strict: true })) {
  const cost: number = body.cost;
  void cost;
}
if (isCompletionResponse(body)) void body.request_id;
if (isEmbeddingResponse(body)) void body.data;
if (isImageResponse(body)) void body.data;
if (isVideoResponse(body)) void body.data;
if (isAudioResponse(body)) void body.data;
if (isVideoJobStatus(body)) void body.status;

const chat: ChatResponse = validate("ChatResponse", body);
const usage: Usage = validate("usage", body, { strict: true });
const ok: boolean = isValid("chat-response", body);
const found: ErrorDetail[] = errors("ChatResponse", body);
const names: ResponseType[] = TYPES.map((type) => type.name);
const document: object | undefined = schemas["chat-response.schema.json"];
try {
  validate("Usage", {});
} catch (error) {
  if (error instanceof ContractError) void error.errors[0]?.path;
}
void [chat, usage, ok, found, names, document];

const wrong: Usage = {
  tokens_prompt: 1,
  tokens_completion: 1,
  // @ts-expect-error a string where the contract says integer
  tokens_total: "2",
  cost: 0,
  latency: 0.1,
};
// @ts-expect-error a number where the contract says string
const badId: ChatResponse["request_id"] = 5;
// @ts-expect-error an object where the contract says an array (of vectors)
const badVectors: import("indoxhub-contract").EmbeddingResponse["data"] = { a: 1 };
// @ts-expect-error not a type name
isValid("NoSuchType", body);
void [wrong, badId, badVectors];
