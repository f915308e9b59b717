"""The public API as pydantic and msgspec users expect it: JSON in, a model class as a type name,
exceptions named ...Error, validate returning the payload; and the README's example, run."""

from __future__ import annotations

import doctest
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

import indoxhub_contract
from indoxhub_contract import ContractError, ErrorDetail, is_valid, iter_errors, validate, validate_json
from indoxhub_contract import models as models_module
from indoxhub_contract.models import ChatResponse, Usage

ROOT = Path(__file__).resolve().parent.parent.parent
USAGE = {"tokens_prompt": 1, "tokens_completion": 2, "tokens_total": 3, "cost": 0.1, "latency": 0.2}


def test_the_readme_python_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Python API") : readme.index("## Validate payloads in CI")]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    assert len(blocks) == 2
    for code in blocks:
        exec(compile(code, "README.md", "exec"), {})  # noqa: S102 - the documentation's own examples
    assert capsys.readouterr().out == "/usage/tokens_total type expected an integer, got true\n"


def test_module_doctest() -> None:
    result = doctest.testmod(indoxhub_contract, raise_on_error=False)
    assert result.attempted == 3 and result.failed == 0  # the import and both examples


@pytest.mark.parametrize(
    ("data", "path", "keyword", "message"),
    [
        (b'{"tokens_prompt": 1, "tokens_prompt": 2}', "", "duplicate", 'duplicate member "tokens_prompt"'),
        ('{"cost": NaN}', "", "number", "NaN is not a JSON number"),
        ('{"cost": 1E400}', "", "number", "1E400 is outside the range of a double (IEEE 754)"),
        (b'{\n"a": "\xff"}', "", "encoding", "not valid UTF-8 at column 7: invalid start byte (byte 0xff) (line 2)"),
        (
            '{"a": ["\\ud800"]}',
            "/a/0",
            "encoding",
            "the string holds a lone surrogate \\ud800: not valid Unicode, cannot be written as UTF-8",
        ),
        ("[" * 600 + "]" * 600, "", "depth", "nested deeper than 512 levels (at column 513)"),
        ('{"a": 1,}', "", "parse", "not valid JSON at column 9: Expecting property name enclosed in double quotes"),
    ],
)
def test_validate_json_refuses_what_json_loads_lets_through(
    data: bytes | str, path: str, keyword: str, message: str
) -> None:
    with pytest.raises(ContractError) as raised:
        validate_json("Usage", data)
    assert [(e.path, e.keyword, e.message, e.schema_path) for e in raised.value.errors] == [
        (path, keyword, message, "")
    ]
    with pytest.raises(ContractError):
        Usage.from_json(data)


def test_json_loads_would_have_said_valid() -> None:
    text = (
        '{"tokens_prompt": 5, "tokens_prompt": 1, "tokens_completion": 2, "tokens_total": 3, "cost": 0.1, '
        '"latency": 0.2}'
    )
    assert is_valid("Usage", json.loads(text))  # the dict API cannot see the duplicate: the text reader does
    with pytest.raises(ContractError):
        validate_json("Usage", text)


def test_validate_json_returns_the_payload_and_ignores_a_bom() -> None:
    data = b"\xef\xbb\xbf" + json.dumps(USAGE).encode()
    assert validate_json("usage", data) == USAGE == validate_json(Usage, data.decode("utf-8"))
    assert Usage.from_json(data) == Usage.from_dict(USAGE)
    with pytest.raises(ContractError) as raised:
        validate_json("Usage", json.dumps(dict(USAGE, cost=-1)))
    assert [(e.path, e.keyword) for e in raised.value.errors] == [("/cost", "minimum")]


def test_validate_returns_the_payload_itself() -> None:
    assert validate("Usage", USAGE) is USAGE


def test_strict_models() -> None:
    extra = dict(USAGE, request_count=1)
    assert Usage.from_dict(extra).extra == {"request_count": 1}
    with pytest.raises(ContractError) as raised:
        Usage.from_dict(extra, strict=True)
    assert [(e.path, e.keyword) for e in raised.value.errors] == [("/request_count", "additionalProperties")]
    with pytest.raises(ContractError):
        Usage.from_json(json.dumps(extra), strict=True)


def test_a_model_class_is_a_type_name() -> None:
    payload = dict(USAGE, cost=-1)
    assert not is_valid(Usage, payload) and is_valid(Usage, USAGE)
    assert [e.path for e in iter_errors(Usage, payload)] == ["/cost"]
    assert validate(Usage, USAGE) is USAGE and validate_json(Usage, json.dumps(USAGE)) == USAGE

    class NotAModel:  # the right name is not enough
        pass

    NotAModel.__name__ = "Usage"
    with pytest.raises(KeyError, match="known types"):
        is_valid(NotAModel, USAGE)


def test_every_public_name_ending_in_error_is_an_exception() -> None:
    for module in (indoxhub_contract, models_module):
        for name in module.__all__:
            value = getattr(module, name)
            if name.endswith("Error"):
                assert isinstance(value, type) and issubclass(value, Exception), name
    try:
        validate("Usage", {})
    except ContractError as error:
        assert all(isinstance(e, ErrorDetail) for e in error.errors)


def test_the_yaml_hint_names_an_extra_that_exists(monkeypatch: pytest.MonkeyPatch) -> None:
    from indoxhub_contract._yaml_reading import documents

    monkeypatch.setitem(sys.modules, "yaml", None)  # import yaml now raises ImportError
    ((_, error),) = list(documents("a: 1\n"))
    assert error.message == "reading YAML needs PyYAML: pip install 'indoxhub-contract[yaml]'"
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert re.search(r'^yaml = \["pyyaml', pyproject, flags=re.M)


def test_no_exception_but_contract_error_for_payloads() -> None:
    hostile: list[Any] = [None, [], "x", 1.5, {1: 2}, {"usage": float("nan")}]
    for payload in hostile:
        for strict in (False, True):
            with pytest.raises(ContractError):
                validate("ChatResponse", payload, strict=strict)
            with pytest.raises(ContractError):
                ChatResponse.from_dict(payload, strict=strict)


def test_check_payload_reads_text_checks_values_and_never_raises_for_data() -> None:
    from indoxhub_contract import PayloadCheck, check_payload

    text = json.dumps(dict(USAGE, request_count=2))
    for data in (text, text.encode(), bytearray(text.encode()), json.loads(text)):
        result = check_payload("usage", data, undocumented=True)
        assert (result.type, result.valid, result.errors) == ("Usage", True, ())
        assert result.value == dict(USAGE, request_count=2) and result.undocumented == ("/request_count",)
    strict = check_payload("Usage", text, strict=True)
    assert (strict.valid, [(e.path, e.keyword) for e in strict.errors]) == (
        False,
        [("/request_count", "additionalProperties")],
    )
    assert check_payload("Usage", text).undocumented == ()  # only when asked for
    cases = {
        '{"cost": NaN}': "number",
        '{"cost": 1e400}': "number",
        '{"a": 1, "a": 2}': "duplicate",
        '"\\ud800"': "encoding",
        b"\xff": "encoding",
        "": "parse",
        "[" * 600 + "]" * 600: "depth",
    }
    for data, keyword in cases.items():
        result = check_payload("Usage", data)
        assert (result.valid, result.value, [e.keyword for e in result.errors]) == (False, None, [keyword]), data
    second_line = check_payload("Usage", '{\n"cost": }')
    assert second_line.errors[0].message == "not valid JSON at column 9: Expecting value (line 2)"
    assert check_payload("Usage", float("nan")).valid is False  # a decoded value JSON cannot carry
    with pytest.raises(AttributeError):
        strict.valid = True  # type: ignore[misc]
    assert isinstance(strict, PayloadCheck)
    unknown = check_payload("Nope", "{}")
    assert (unknown.valid, unknown.value, [e.keyword for e in unknown.errors]) == (False, None, ["type-name"])
    assert "known types: Usage" in unknown.errors[0].message
    with pytest.raises(KeyError, match="known types: Usage"):
        validate_json("Nope", "{}")


def test_validate_json_is_built_on_check_payload() -> None:
    assert validate_json("Usage", bytearray(json.dumps(USAGE).encode())) == USAGE
    with pytest.raises(ContractError) as raised:
        validate_json("Usage", '{\n"cost": }')
    assert [(e.keyword, e.message) for e in raised.value.errors] == [
        ("parse", "not valid JSON at column 9: Expecting value (line 2)")
    ]
    with pytest.raises(TypeError, match="use validate"):
        validate_json("Usage", USAGE)  # type: ignore[arg-type]
