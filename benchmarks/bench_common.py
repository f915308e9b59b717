"""What the benchmarks share: the payloads they time (one per type, valid and wrong), how a call is timed
and how a time is written. Its own module, so bench.py and the scripts it runs import it rather than
each other (no import circle)."""

from __future__ import annotations

import copy
import json
import time
from collections.abc import Callable
from typing import Any


def payloads() -> dict[str, tuple[str, Any]]:
    usage = {
        "tokens_prompt": 412,
        "tokens_completion": 128,
        "tokens_total": 540,
        "cost": 0.00081,
        "latency": 1.27,
        "cache_read_tokens": 256,
        "cache_write_tokens": 0,
        "reasoning_tokens": 0,
        "web_search_count": 0,
    }
    chat: dict[str, Any] = {
        "request_id": "3f2b8c1e-6d4a-4f7e-9b2c-1a5d7e9f0c3b",
        "created_at": "2025-10-26T16:48:59.574195",
        "duration_ms": 1312.4,
        "provider": "openai",
        "model": "gpt-4o-mini",
        "success": True,
        "message": "",
        "data": "The capital of France is Paris. It has been the country's capital since the 10th century "
        "and is home to about two million people in the city proper.",
        "finish_reason": "stop",
        "images": None,
        "reasoning_content": None,
        "usage": usage,
        "raw_response": None,
    }
    wrong = copy.deepcopy(chat)
    wrong["usage"]["tokens_total"] = "540"
    vectors = [[((i * 7919 + j * 104729) % 2001 - 1000) / 1000.0 for j in range(1536)] for i in range(16)]
    embedding = {k: chat[k] for k in ("request_id", "created_at", "duration_ms", "provider", "message", "success")}
    embedding |= {
        "model": "text-embedding-3-small",
        "data": vectors,
        "dimensions": 1536,
        "usage": usage,
        "raw_response": None,
        "byok_api_key": False,
    }
    return {
        f"ChatResponse valid ({len(json.dumps(chat))} bytes)": ("chat-response", chat),
        "ChatResponse, wrong type in usage": ("chat-response", wrong),
        "EmbeddingResponse 16 x 1536 floats": ("embedding-response", embedding),
    }


def fmt(seconds: float) -> str:
    return f"{seconds * 1e6:,.2f} µs" if seconds < 1e-3 else f"{seconds * 1e3:,.2f} ms"


def per_call(function: Callable[[Any], bool], payload: Any, budget: float = 0.02) -> float:
    """Seconds per call, from a loop sized to take about `budget` seconds."""
    loops = 1
    while True:
        start = time.perf_counter()
        for _ in range(loops):
            function(payload)
        elapsed = time.perf_counter() - start
        if elapsed >= budget:
            return elapsed / loops
        loops *= 2 if elapsed == 0 else max(2, int(budget / elapsed * 1.2))
