"""Keep the members a schema does not list in quicktype's Rust output, which drops them.

    python3 keep_undocumented.py src/

Adds to every generated `pub struct` a field that serde fills with the members no other field takes
and writes back as they came:

    #[serde(flatten)]
    pub undocumented: HashMap<String, serde_json::Value>,

Standard library only; run after quicktype, before cargo build (docs/clients.md)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

FIELD = (
    "    /// Members the schema does not list, kept as they came.\n"
    "    #[serde(flatten)]\n"
    "    pub undocumented: HashMap<String, serde_json::Value>,\n\n"
)


def patch(text: str) -> str:
    text = re.sub(r"^(pub struct \w+ \{\n)", lambda match: match[1] + FIELD, text, flags=re.M)
    if "pub undocumented" in text and "use std::collections::HashMap;" not in text:
        text = text.replace(
            "use serde::{Serialize, Deserialize};",
            "use serde::{Serialize, Deserialize};\nuse std::collections::HashMap;",
        )
    return text


def main(folder: str) -> int:
    for path in sorted(Path(folder).glob("*.rs")):
        if path.name != "main.rs":
            path.write_text(patch(path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
