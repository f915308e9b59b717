"""Three changes to quicktype's Java output (Jackson) so it compiles against Debian's Jackson 2.14 and
gives back what it read:

    python3 jackson_patch.py src/io/indoxhub/contract/

1. Converter: `ToJsonString(...) throws JsonProcessingException` -> `throws IOException` (with Debian's
   jackson-core and jackson-databind jars, `writeValueAsString` is declared to throw IOException and
   javac refuses the narrower clause).
2. Every model class: `@JsonInclude(JsonInclude.Include.NON_NULL)`, so an absent optional member stays
   absent when written (Jackson writes `null` for it otherwise, which the contract refuses where the
   member is not nullable).
3. Every model class: an `@JsonAnySetter`/`@JsonAnyGetter` map, so members the schema does not list are
   kept and written back (the converter's mapper ignores them otherwise).

The union wrappers (classes with their own `@JsonDeserialize(using = ...)`) are left as they are.
Standard library only; run after quicktype, before javac (docs/clients.md)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

KEEP = (
    "    private final java.util.Map<String, Object> undocumented = new java.util.LinkedHashMap<>();\n\n"
    "    @JsonAnyGetter\n"
    "    public java.util.Map<String, Object> getUndocumented() { return undocumented; }\n"
    "    @JsonAnySetter\n"
    "    public void setUndocumented(String name, Object value) { undocumented.put(name, value); }\n\n"
)


def patch(name: str, text: str) -> str:
    if name == "Converter.java":
        return text.replace(") throws JsonProcessingException {", ") throws IOException {")
    match = re.search(r"^public class \w+ \{\n", text, re.M)
    if match is None or "@JsonDeserialize(using" in text:
        return text
    head = "@JsonInclude(JsonInclude.Include.NON_NULL)\n" + match[0] + KEEP
    return text[: match.start()] + head + text[match.end() :]


def main(folder: str) -> int:
    for path in sorted(Path(folder).glob("*.java")):
        path.write_text(patch(path.name, path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
