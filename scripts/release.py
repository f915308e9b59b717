"""`make release`: the files a release publishes, checked, in dist/ (CONTRIBUTING.md, "Cutting a release").

    dist/indoxhub_contract-<version>.tar.gz          the sdist, named as setuptools writes it
    dist/indoxhub_contract-<version>-py3-none-any.whl  built from that sdist (python -m build does so)
    dist/indoxhub-contract-<version>.tgz              the npm package (make dist)
    dist/SHA256SUMS                                   those three, in `sha256sum` format

then `twine check --strict` on the Python files and `npm pack --dry-run` on the npm package, both of which
must be clean. `release.py changelog` drafts the CHANGELOG's "Unreleased" section from
`indoxhub-contract diff` against the previous release's tag (none for the first release) and refuses a
breaking change whose version does not raise the major number.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
from pathlib import Path

import compat
from contract import ROOT, version

DIST = ROOT / "dist"
CHANGELOG = ROOT / "CHANGELOG.md"
UNRELEASED = "## Unreleased"


def files(number: str, output: Path) -> list[Path]:
    return [
        output / f"indoxhub_contract-{number}-py3-none-any.whl",
        output / f"indoxhub_contract-{number}.tar.gz",
        output / f"indoxhub-contract-{number}.tgz",
    ]


def build(output: Path) -> int:
    number = version()
    for stale in [*output.glob("indoxhub_contract-*"), output / "SHA256SUMS"]:
        stale.unlink(missing_ok=True)
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "dist.py"), "--no-wheel", "--output", str(output)], check=True
    )
    # No flags: the sdist first, then the wheel built from the unpacked sdist, so what PyPI users build
    # from the sdist is what the wheel holds (tests/dist/test_release.py compares the two).
    subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(output), str(ROOT)], check=True)
    wanted = files(number, output)
    missing = [path.name for path in wanted if not path.is_file()]
    if missing:
        print(f"release: not built: {', '.join(missing)}", file=sys.stderr)
        return 1
    sums = "".join(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}\n" for path in wanted)
    (output / "SHA256SUMS").write_text(sums, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *map(str, wanted[:2])], check=True)
    packed = subprocess.run(
        ["npm", "pack", "--dry-run", "--json"], cwd=output / "npm", capture_output=True, text=True, check=False
    )
    if packed.returncode != 0 or re.search(r"npm (warn|WARN|ERR)", packed.stderr):
        print(f"release: npm pack --dry-run is not clean:\n{packed.stderr}", file=sys.stderr)
        return 1
    print(f"release: {number} in {output}: " + ", ".join(path.name for path in wanted) + ", SHA256SUMS")
    return 0


def draft(tag: str | None) -> tuple[list[str], bool]:
    """The changelog lines for the schema changes since `tag`, and whether any is breaking."""
    if tag is None:
        return ["- First release: every type of the contract is new."], False
    report = compat.changes(tag)
    lines = [
        f"- {change['class']}: {change['type']} {change['path'] or '(root)'}: {change['change']}"
        for change in report["changes"]
    ]
    return lines or [f"- No schema change since {tag}."], report["breaking"] > 0


def changelog(text: str, lines: list[str], tag: str | None) -> str:
    """`text` with the drafted lines at the top of its Unreleased section (made when missing); drafting
    again replaces the earlier draft instead of adding a second."""
    since = f"since {tag}" if tag else "first release"
    block = f"Schema changes ({since}, drafted by `make changelog` from `indoxhub-contract diff`):\n\n"
    block += "\n".join(lines) + "\n"
    if UNRELEASED not in text:
        first = text.find("\n## ")
        cut = first + 1 if first != -1 else len(text)
        text = text[:cut] + f"{UNRELEASED}\n\n" + text[cut:]
    head, _, rest = text.partition(UNRELEASED + "\n")
    rest = re.sub(r"^\s*Schema changes \(.*?\):\n\n(?:- .*\n)+", "", rest, count=1)
    return head + UNRELEASED + "\n\n" + block + "\n" + rest.lstrip("\n")


def draft_changelog() -> int:
    tag = compat.last_tag()
    lines, breaking = draft(tag)
    if breaking and tag is not None:
        before, now = compat.majors(tag)
        if now <= before:
            print(
                f"release: a breaking change since {tag} needs a major version: raise `version` in pyproject.toml "
                f"past {before}.x (it is {version()})",
                file=sys.stderr,
            )
            return 1
    CHANGELOG.write_text(changelog(CHANGELOG.read_text(encoding="utf-8"), lines, tag), encoding="utf-8")
    print(f"release: drafted {len(lines)} line(s) into {CHANGELOG.name}'s {UNRELEASED} section")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["build", "changelog"], nargs="?", default="build")
    parser.add_argument("--output", type=Path, default=DIST)
    options = parser.parse_args()
    return build(options.output) if options.what == "build" else draft_changelog()


if __name__ == "__main__":
    sys.exit(main())
