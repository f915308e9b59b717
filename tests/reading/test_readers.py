"""The two JSON readers agree: the fast one (jiter, the `fast` extra) and the standard-library one give
the same value, or the same finding (keyword, message, line, pointer), for every text. A text the fast
reader refuses is read again by the other, so the one thing a fallback cannot catch is a text the fast
reader accepts but reads differently: the properties below aim there (numbers at the edges of the
double range, long integers, escapes, hostile bytes)."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from indoxhub_contract import _reading as reading
from indoxhub_contract._reading import READER_VARIABLE, ReadError, ReaderUnavailable

from ..hostile.test_property import PIECES, SEEDS, mutated

ROOT = Path(__file__).resolve().parents[2]
JITER_VERSION = metadata.version("jiter")
FIXTURES = ROOT / "tests" / "fixtures"


@contextmanager
def reader_set(setting: str | None) -> Iterator[None]:
    """INDOXHUB_CONTRACT_READER set to `setting` (unset for None) and put in use for the block, then as
    it was (a program that changes the variable calls reading.reader(), as the command does at start)."""
    before = os.environ.get(READER_VARIABLE)
    _set(setting)
    try:
        reading.reader()
        yield
    finally:
        _set(before)
        reading.reader()


def _set(setting: str | None) -> None:
    if setting is None:
        os.environ.pop(READER_VARIABLE, None)
    else:
        os.environ[READER_VARIABLE] = setting


def exact(value: Any) -> list[Any]:
    """A value as tokens with its JSON types spelled out: 1 and 1.0, 0.0 and -0.0, True and 1 all
    differ, and members keep their order. Iterative: a value may nest 512 levels."""
    tokens: list[Any] = []
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, float):
            tokens.append(("float", item.hex()))
        elif isinstance(item, (list, dict)):
            tokens.append((type(item).__name__, len(item)))
            members = list(item.items()) if isinstance(item, dict) else list(enumerate(item))
            for key, member in reversed(members):
                stack.append(member)
                stack.append(("key", key))
        else:  # str, int, bool, None, and the ("key", ...) markers
            tokens.append((type(item).__name__, item))
    return tokens


def outcome(setting: str, data: bytes | str, first_line: int = 1) -> Any:
    with reader_set(setting):
        assert reading.reader() == setting
        try:
            return exact(reading.read_json(data, first_line))
        except ReadError as error:
            return ("finding", error.keyword, error.message, error.line, error.path)


def assert_same(data: bytes | str, first_line: int = 1) -> None:
    assert outcome("fast", data, first_line) == outcome("stdlib", data, first_line), data[:200]
    if isinstance(data, bytes):  # the Python API also takes text
        try:
            text = data.decode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            return
        assert outcome("fast", text) == outcome("stdlib", text), data[:200]


def test_the_fast_reader_is_installed_for_these_tests() -> None:
    """make install's dev extra pins jiter: without it every comparison below would compare the
    standard-library reader with itself."""
    with reader_set(None):
        assert reading.reader() == "fast", reading.describe_reader()


def fixture_texts() -> Iterator[tuple[str, bytes]]:
    for path in sorted(FIXTURES.glob("*.json")):
        for case in json.loads(path.read_text()):
            payload = case["payload"]
            yield f"{path.stem}: {case['name']}", json.dumps(payload).encode()
            yield (
                f"{path.stem}: {case['name']} (indented, raw UTF-8)",
                json.dumps(payload, indent=1, ensure_ascii=False).encode(),
            )


def test_every_fixture_reads_the_same() -> None:
    names = []
    for name, text in fixture_texts():
        assert_same(text)
        names.append(name)
    assert len(names) > 400  # the corpus is there: 240 fixtures, two spellings each


# The hostile corpus: every reader finding, and the texts where jiter and the standard library part ways.
HOSTILE: list[bytes] = [
    *SEEDS,
    *PIECES,
    b"",
    b"   ",
    b"\xef\xbb\xbf{}",
    b"\xef\xbb\xbf\xef\xbb\xbf{}",
    b'{"cost": NaN}',
    b'{"cost": -Infinity}',
    b'{"cost": Infinity}',
    b'{"cost": 1e400}',
    b'{"cost": -1.5E+309}',
    b'{"cost": 1e308}',
    b'{"cost": 1.7976931348623157e308}',
    b'{"cost": 1.7976931348623158e308}',
    b'{"cost": 1.7976931348623159e308}',
    b'{"cost": 17976931348623157' + b"0" * 289 + b".0}",
    b'{"cost": 1' + b"0" * 250 + b"e99}",
    b'{"cost": 1' + b"0" * 208 + b"e99}",
    b'{"cost": 0.' + b"0" * 400 + b"1}",
    b'{"cost": 1e-400}',
    b'{"cost": -1e-400}',
    b'{"cost": 5e-324}',
    b'{"cost": 2.4703282292062328e-324}',
    b'{"cost": 2.4703282292062327e-324}',
    b'{"cost": -0}',
    b'{"cost": -0.0}',
    b'{"cost": 12.0}',
    b'{"cost": 1E2}',
    b'{"n": ' + b"1" * 4300 + b"}",
    b'{"n": ' + b"1" * 4301 + b"}",
    b'{"n": -' + b"9" * 5000 + b"}",
    b'{"n": 01}',
    b'{"n": 1.}',
    b'{"n": .5}',
    b'{"n": +1}',
    b'{"a": 1, "b": {"c": 1, "c": 2}}',
    b'{"\\u0061": 1, "a": 2}',
    b'{"a": "\\ud800"}',
    b'{"\\udfff": 1}',
    b'{"a": "\\ud800\\u0041"}',
    b'{"a": "\\ud83d\\ude00"}',
    b'{"a": "\\u0000"}',
    b'{"a": "\xed\xa0\x80"}',
    b'{"a": "\xf4\x90\x80\x80"}',
    b'{"a": "\xc0\xaf"}',
    b'{"a": "\xff"}',
    b'{"a": "\x01"}',
    b'{"a": "\x7f"}',
    b'{"a": "\t"}',
    b'{"a": "\xe2\x80\xa8"}',
    b'{"a": 1,}',
    b"[1,]",
    b"{} {}",
    b"{}\x00",
    b"\x0c{}",
    b"\r\n{}\t",
    b"[1e309]",
    b"true",
    b"null",
    b'"\\/"',
]
HOSTILE += [b"[" * depth + b"]" * depth for depth in (199, 200, 201, 511, 512, 513, 5000)]
HOSTILE += [b'{"a": ' * depth + b"1" + b"}" * depth for depth in (200, 201, 512, 513)]


@pytest.mark.parametrize("text", HOSTILE, ids=[f"hostile-{index}" for index in range(len(HOSTILE))])
def test_the_hostile_corpus_reads_the_same(text: bytes) -> None:
    assert_same(text)
    assert_same(b"\n" * 4 + text, first_line=7)  # where a finding's line comes from the text itself


@st.composite
def number_texts(draw: st.DrawFn) -> str:
    """JSON numbers, grammatical or nearly, weighted toward the edges of the double range."""
    sign = draw(st.sampled_from(["", "-", "+", "--"]))
    whole = draw(st.sampled_from(["0", "1", "9", "01"]) | st.from_regex(r"[1-9][0-9]{0,320}", fullmatch=True))
    fraction = draw(st.sampled_from(["", ".", ".0"]) | st.from_regex(r"\.[0-9]{1,40}", fullmatch=True))
    exponent = draw(
        st.sampled_from(["", "e", "E+"])
        | st.builds(
            lambda e, s, d: f"{e}{s}{d}", st.sampled_from("eE"), st.sampled_from(["", "+", "-"]), st.integers(0, 420)
        )
    )
    return sign + whole + fraction + exponent


EDGES = st.sampled_from(
    [
        "1.7976931348623157e308",
        "1.797693134862315807e308",
        "1.7976931348623158079e308",
        "2.2250738585072011e-308",
        "2.2250738585072014e-308",
        "4.9406564584124654e-324",
        "2.4703282292062327208e-324",
        "9007199254740993",
        "18446744073709551616",
        "1e23",
        "8.533e+68",
        "4.1006e-184",
        "9.998e+307",
        "9.9538452227e-280",
    ]
)
NUMBERS = (
    number_texts()
    | EDGES
    | st.floats(allow_nan=False, allow_infinity=False).map(repr)
    | st.from_regex(r"-?[1-9][0-9]{0,5000}", fullmatch=True)  # long integers, past int()'s 4,300 digits
)


@given(st.lists(NUMBERS, min_size=1, max_size=4))
@example(["1" + "0" * 250 + "e99"])
@example(["1" + "0" * 4300])
@example(["1.7976931348623159e308", "5e-324"])
def test_numbers_read_the_same(numbers: list[str]) -> None:
    for number in numbers:
        assert_same(number.encode())
    assert_same(('{"cost": ' + numbers[0] + ', "n": [' + ", ".join(numbers) + "]}").encode())


ESCAPES = st.sampled_from(
    [
        "\\ud800",
        "\\udfff",
        "\\ud83d\\ude00",
        "\\u0000",
        "\\u001f",
        "\\\\",
        '\\"',
        "\\/",
        "\\b",
        "\\u20ac",
        "\\uDBFF\\uDFFF",
        "\\x41",
        "\\u12",
        "\\'",
        "\t",
        "\x00",
        "\u2028",
    ]
)


@given(st.lists(ESCAPES | st.text(max_size=3), max_size=6), st.lists(ESCAPES | st.text(max_size=3), max_size=3))
def test_strings_and_member_names_read_the_same(value: list[str], key: list[str]) -> None:
    name, text = "".join(key), "".join(value)
    assert_same(f'{{"{name}": "{text}", "b": ["{text}"]}}'.encode("utf-8", "surrogatepass"))


@given(mutated() | st.binary(max_size=60) | st.sampled_from(HOSTILE))
def test_hostile_bytes_read_the_same(data: bytes) -> None:
    assert_same(data)


def test_the_fast_reader_is_used_for_a_plain_payload(monkeypatch: pytest.MonkeyPatch) -> None:
    """A guard against a fast path that never runs: jiter's own parser is called, and its answer
    returned, for an ordinary payload."""
    calls: list[bytes] = []
    fast = reading._selected("fast")[1]
    assert fast is not None

    def counting(data: bytes) -> Any:
        calls.append(data)
        return fast(data)

    monkeypatch.setattr(reading, "_fast", counting)
    monkeypatch.setattr(reading, "_chosen", True)
    assert reading.read_json(SEEDS[0]) == json.loads(SEEDS[0])
    reading.read_json('{"cost": 1.5}')  # text in, bytes to jiter
    assert calls == [SEEDS[0], b'{"cost": 1.5}']
    with pytest.raises(ReadError, match="outside the range of a double"):
        reading.read_json(b'{"cost": 1e400}')  # never shown to jiter, which would read inf
    assert len(calls) == 2


def test_the_extra_range_is_the_one_the_runtime_trusts() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text()
    low, high = (".".join(map(str, bound)) for bound in reading.JITER_RANGE)
    assert re.findall(r"^fast = (.*)$", pyproject, flags=re.M) == [f'["jiter>={low},<{high}"]']
    assert f'"jiter=={JITER_VERSION}",' in pyproject, "the dev extra pins the jiter the tests run"


@pytest.mark.parametrize(
    ("version", "auto"),
    [("0.9.9", "stdlib"), ("0.10.0", "fast"), ("0.19.0", "fast"), ("0.20.0", "stdlib"), ("1.0", "stdlib")],
)
def test_a_jiter_outside_the_range_is_not_used(monkeypatch: pytest.MonkeyPatch, version: str, auto: str) -> None:
    import jiter

    monkeypatch.setattr(jiter, "__version__", version, raising=False)
    monkeypatch.delenv(READER_VARIABLE, raising=False)
    reading._selected.cache_clear()
    try:
        assert reading.reader() == auto
        if auto == "stdlib":
            assert f"jiter {version} is outside the supported range >=0.10,<0.20" in reading.describe_reader()
        monkeypatch.setenv(READER_VARIABLE, "fast")
        if auto == "stdlib":
            with pytest.raises(ReaderUnavailable, match=rf"INDOXHUB_CONTRACT_READER=fast, but jiter {version}"):
                reading.reader()
        else:
            assert reading.reader() == "fast"
    finally:
        monkeypatch.undo()
        reading._selected.cache_clear()
        reading.reader()


def test_any_other_setting_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(READER_VARIABLE, "fast")
    reading.reader()
    for setting in ("Fast", "jiter", "0", " auto"):
        monkeypatch.setenv(READER_VARIABLE, setting)
        with pytest.raises(ReaderUnavailable, match="expected one of auto, stdlib, fast"):
            reading.reader()
        assert reading._fast is not None  # the reader in use before stays in use
    monkeypatch.setenv(READER_VARIABLE, "")  # empty is unset
    assert reading.reader() == "fast"


def test_the_first_read_chooses_the_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Python API with no command around it: the first read_json reads the variable."""
    monkeypatch.setattr(reading, "_chosen", False)
    monkeypatch.setenv(READER_VARIABLE, "fastest")
    with pytest.raises(ReaderUnavailable):
        reading.read_json(b"{}")
    monkeypatch.setenv(READER_VARIABLE, "stdlib")
    assert reading.read_json(b"{}") == {} and reading._fast is None
    monkeypatch.delenv(READER_VARIABLE)
    reading.reader()


RUN_WITHOUT_JITER = (
    "import sys; sys.modules['jiter'] = None; from indoxhub_contract.cli import main; sys.exit(main(sys.argv[1:]))"
)


def command(setting: str | None, *args: str, without_jiter: bool = False) -> tuple[int, str, str]:
    """The real command as a subprocess; `without_jiter`: as if the extra were not installed."""
    import subprocess

    env = {key: value for key, value in os.environ.items() if key != READER_VARIABLE}
    if setting is not None:
        env[READER_VARIABLE] = setting
    installed = str(Path(sys.executable).parent / "indoxhub-contract")
    prefix = [sys.executable, "-c", RUN_WITHOUT_JITER] if without_jiter else [installed]
    done = subprocess.run([*prefix, *args], capture_output=True, text=True, env=env, check=False)
    return done.returncode, done.stdout, done.stderr


def test_the_command_names_its_reader_and_refuses_a_bad_setting(tmp_path: Path) -> None:
    payload = tmp_path / "usage.json"
    payload.write_text('{"tokens_prompt": 1}')
    assert command(None, "--version")[1].endswith("(JSON reader: fast, jiter " + JITER_VERSION + ")\n")
    assert command("stdlib", "--version")[1].endswith("(JSON reader: stdlib, INDOXHUB_CONTRACT_READER=stdlib)\n")
    assert command(None, "--version", without_jiter=True)[1].endswith("(JSON reader: stdlib, jiter is not installed)\n")
    code, out, err = command("fastest", "validate", "--type", "Usage", str(payload))
    assert (code, out) == (2, "") and "INDOXHUB_CONTRACT_READER='fastest': expected one of auto, stdlib, fast" in err
    code, out, err = command("fast", "validate", "--type", "Usage", str(payload), without_jiter=True)
    assert (code, out) == (2, ""), err
    assert "INDOXHUB_CONTRACT_READER=fast, but jiter is not installed: pip install 'indoxhub-contract[fast]'" in err
    assert command("fast", "validate", "--type", "Usage", str(payload))[0] == 1
    assert command(None, "validate", "--type", "Usage", str(payload), without_jiter=True)[0] == 1


def every_surface(folder: Path) -> list[list[str]]:
    """Commands over a corpus that mixes valid payloads with every reader finding: validate (JSON
    Lines, one document, --jobs 2) and traffic (exchange lines, a HAR file with the texts as bodies)."""
    lines = [text for text in HOSTILE if b"\n" not in text and b"\r" not in text]
    valid = [text for text in SEEDS[:1] for _ in range(3)]
    (folder / "mixed.jsonl").write_bytes(b"\n".join(valid + lines + valid) + b"\n")
    (folder / "one.json").write_bytes(b'{"tokens_prompt": 1, "cost": 1e400, "cost": 2}')
    url = "https://api.indoxhub.com/api/v1/chat/completions"
    bodies = [text.decode("utf-8", "surrogatepass") for text in HOSTILE[:60] if _utf8(text)]
    entries = [
        {
            "request": {"method": "POST", "url": url},
            "response": {"status": 200, "content": {"mimeType": "application/json", "text": body}},
        }
        for body in bodies
    ]
    (folder / "session.har").write_text(json.dumps({"log": {"version": "1.2", "entries": entries}}))
    exchange_lines = [
        b'{"method": "POST", "url": "' + url.encode() + b'", "status": 200, "body": ' + text + b"}" for text in lines
    ]
    (folder / "exchanges.jsonl").write_bytes(b"\n".join(exchange_lines) + b"\n")
    commands = []
    for output in ("text", "json", "github"):
        commands.append(
            [
                "validate",
                "--type",
                "ChatResponse",
                "--format",
                output,
                str(folder / "mixed.jsonl"),
                str(folder / "one.json"),
            ]
        )
        commands.append(["traffic", "--format", output, str(folder / "exchanges.jsonl"), str(folder / "session.har")])
    commands.append(
        ["validate", "--type", "ChatResponse", "--jobs", "2", "--format", "json", str(folder / "mixed.jsonl")]
    )
    commands.append(["traffic", "--jobs", "2", "--format", "json", str(folder / "exchanges.jsonl")])
    return commands


def _utf8(text: bytes) -> bool:
    try:
        text.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return False
    return True


def test_every_command_and_format_says_the_same_with_both_readers(tmp_path: Path) -> None:
    from ..cli.conftest import cli

    for args in every_surface(tmp_path):
        with reader_set("fast"):
            fast = cli(*args)
        with reader_set("stdlib"):
            stdlib = cli(*args)
        assert (fast.code, fast.stdout, fast.stderr) == (stdlib.code, stdlib.stdout, stdlib.stderr), args
        assert fast.code == 1 and fast.stdout.count("\n") > 20, fast  # the corpus holds findings, and they are shown


def test_the_python_api_says_the_same_with_both_readers() -> None:
    from indoxhub_contract import ContractError, validate_json
    from indoxhub_contract.http import check
    from indoxhub_contract.models import ChatResponse

    def answers(data: bytes) -> list[Any]:
        said: list[Any] = []
        for call in (lambda: validate_json("ChatResponse", data), lambda: ChatResponse.from_json(data).to_dict()):
            try:
                said.append(exact(call()))
            except ContractError as error:
                said.append(str(error))
        result = check("POST", "https://api.indoxhub.com/api/v1/chat/completions", 200, data)
        said.append([result.type, result.covered, list(result.findings)])
        return said

    for text in [*HOSTILE, *SEEDS]:
        with reader_set("fast"):
            fast = answers(text)
        with reader_set("stdlib"):
            stdlib = answers(text)
        assert fast == stdlib, text[:100]
