"""Round trips through the generated clients (docs/clients.md; `make roundtrip` builds them).

    python scripts/roundtrip.py --list
    python scripts/roundtrip.py NAME < requests.jsonl

Each input line is {"type": T, "payload": P}, T spelled as `indoxhub-contract types` prints it. For
each line, in order, one JSON line is written: P decoded into client NAME's type T and encoded again,
or an object whose only member is "error" (a line that is not such a request gets one too). Exit 0
when every line was answered; 2 for an unknown NAME or a client not built yet.

Any Python 3.10+, standard library only. The lines a client can take are handed to its program
(build/roundtrip/NAME/roundtrip, written by the page's blocks) in one run, through a file, so memory
stays linear and no pipe can stall; a program that answers fewer lines than it was given (it crashed)
leaves an "error" for each line it did not answer."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from clients_page import round_trips

BUILT = Path(__file__).resolve().parent.parent / "build" / "roundtrip"


def request_problem(line: str) -> str | None:
    """Why a line is no request, or None."""
    try:
        request = json.loads(line)
    except ValueError as error:
        return f"not a JSON line: {error}"
    if not isinstance(request, dict) or set(request) != {"type", "payload"} or not isinstance(request["type"], str):
        return 'a request is an object with exactly "type" (a string) and "payload"'
    return None  # an unknown type is the client's to refuse: its answer says so


def error(message: str) -> str:
    return json.dumps({"error": message}, ensure_ascii=False)


def answer(program: Path, source: list[bytes]) -> list[str]:
    """Run `program` once over the good lines of `source`; every line's answer, in order."""
    lines: list[str] = []
    problems: list[str | None] = []
    for raw in source:
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as undecodable:
            lines.append("")
            problems.append(f"not UTF-8: {undecodable}")
            continue
        lines.append(line)
        problems.append(request_problem(line))
    with tempfile.TemporaryFile("w+b") as given:
        for line, problem in zip(lines, problems, strict=True):
            if problem is None:
                given.write(line.encode("utf-8") + b"\n")
        given.seek(0)
        ran = subprocess.run([str(program)], stdin=given, capture_output=True, check=False)
    stopped = ran.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit {ran.returncode}"]
    taken = iter(ran.stdout.decode("utf-8", "replace").splitlines())
    out = []
    for problem in problems:
        if problem is not None:
            out.append(error(problem))
            continue
        reply = next(taken, None)
        if reply is None:
            out.append(error(f"the client stopped without answering: {stopped[0]}"))
            continue
        try:
            json.loads(reply)
        except ValueError:
            out.append(error(f"the client answered with a line that is not JSON: {reply[:200]}"))
            continue
        out.append(reply)
    return out


def main(argv: list[str]) -> int:
    names = round_trips()
    if argv == ["--list"]:
        print("\n".join(names))
        return 0
    if len(argv) != 1 or argv[0].startswith("-"):
        print("usage: roundtrip.py --list | roundtrip.py NAME < requests.jsonl", file=sys.stderr)
        return 2
    name = argv[0]
    if name not in names:
        print(f"roundtrip.py: unknown client {name!r}; known: {', '.join(names)}", file=sys.stderr)
        return 2
    program = BUILT / name / "roundtrip"
    if not program.is_file():
        print(f"roundtrip.py: {name} is not built yet: run `make roundtrip`", file=sys.stderr)
        return 2
    data = sys.stdin.buffer.read()
    source = data.split(b"\n")
    if source[-1] == b"":  # the newline that ends the last line starts no line of its own
        source.pop()
    sys.stdout.write("".join(line + "\n" for line in answer(program, source)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
