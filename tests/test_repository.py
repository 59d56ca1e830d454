"""The contributor workflow files say what the README and CONTRIBUTING promise."""

from __future__ import annotations

import re

import yaml

from tests.sitebuild import ROOT


def workflow(name: str) -> dict:
    text = (ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=yaml.BaseLoader)  # BaseLoader: "on" stays a string


def readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Two commands.*?```sh\n(.*?)```", readme, re.DOTALL).group(1)
    return [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]


def test_readme_gives_exactly_two_commands_and_ci_runs_the_test_one() -> None:
    assert readme_commands() == ["make serve", "make test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line for line in ci.splitlines() if line and not line.startswith(("#", "set ", "cd "))]
    assert commands == ["make test"]


def test_pull_request_workflow_is_read_only_and_runs_the_test_command() -> None:
    flow = workflow("pull-request.yml")
    assert list(flow["on"]) == ["pull_request"]
    assert flow["permissions"] == {}  # no default token; the job reads, nothing more
    assert flow["jobs"]["test"]["permissions"] == {"contents": "read"}
    runs = [step.get("run", "") for step in flow["jobs"]["test"]["steps"]]
    assert "make test" in runs


def test_deploy_workflow_builds_strict_and_publishes_to_pages() -> None:
    flow = workflow("deploy.yml")
    assert flow["on"]["push"]["branches"] == ["main"]
    build_steps = flow["jobs"]["build"]["steps"]
    assert any(step.get("run") == "make build" for step in build_steps)
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact@") for step in build_steps)
    deploy_steps = flow["jobs"]["deploy"]["steps"]
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in deploy_steps)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^build:.*\n\t.*mkdocs build --strict", makefile, re.MULTILINE)


def test_issue_forms_and_pull_request_template_exist() -> None:
    forms = sorted(p.name for p in (ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))
    assert forms == ["config.yml", "report-a-mistake.yml", "suggest-a-guide.yml",
                     "suggest-a-letter.yml"]
    for name in forms[1:]:
        form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / name).read_text())
        assert form["name"] and form["body"]
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert "- [ ] `make check` passes" in template


def test_pre_commit_runs_ruff_codespell_yamllint_and_the_check() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks == {"ruff", "codespell", "yamllint", "onward-check"}


def test_schema_describes_every_property_with_an_example() -> None:
    schema = (ROOT / "snippets" / "schema.json").read_text(encoding="utf-8")
    import json

    def walk(node, path="#"):
        if isinstance(node, dict):
            if "properties" in node:
                for key, prop in node["properties"].items():
                    where = f"{path}/properties/{key}"
                    assert prop.get("description"), f"{where} has no description"
                    assert prop.get("examples"), f"{where} has no example"
            for key, value in node.items():
                walk(value, f"{path}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{path}/{index}")

    walk(json.loads(schema))


def pinned(requirements: str) -> dict[str, str]:
    """name -> version of each `name==version` line of a requirements file (names normalized)."""
    return {re.sub(r"[-_.]+", "-", name).lower(): version for name, version in
            re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", requirements, re.MULTILINE)}


def group_pins(group: str) -> dict[str, str]:
    """The `name==version` pins of a dependency group in pyproject.toml, included groups too."""
    import tomllib

    groups = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "dependency-groups"]
    pins: dict[str, str] = {}
    for entry in groups[group]:
        if isinstance(entry, dict):
            pins |= group_pins(entry["include-group"])
        else:
            pins |= pinned(entry)
    return pins


def test_lock_files_pin_every_package_with_hashes_and_no_index() -> None:
    for group in ("uv", "site", "test"):
        text = (ROOT / "requirements" / f"{group}.txt").read_text(encoding="utf-8")
        locked = pinned(text)
        wanted = group_pins(group)
        stale = {name: version for name, version in wanted.items() if locked.get(name) != version}
        assert stale == {}, f"requirements/{group}.txt is stale: run `make lock`"
        assert len(locked) >= len(wanted) + (group != "uv"), "transitive packages are pinned too"
        entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2].strip())
        assert all("--hash=sha256:" in entry for entry in entries), "every package has hashes"
        assert not re.search(r"--(extra-)?index-url|--find-links|https?://|file:", text), \
            "the lock names no index: pip uses the one the machine is configured with"


def test_make_installs_from_the_lock_files() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    # uv from its lock through pip; everything else through uv, hashes required.
    assert "pip install --quiet --require-hashes -r requirements/uv.txt" in makefile
    install = re.search(r"^INSTALL := (.*)$", makefile, re.MULTILINE)
    assert install and "uv pip install" in install[1] and "--require-hashes" in install[1]
    assert re.findall(r"\$\(INSTALL\) (.*)", makefile) == ["-r requirements/site.txt",
                                                          "-r requirements/test.txt"]
    assert all("-r requirements/" in line for line in re.findall(r"pip install (.*)", makefile)
               if line != install[1].partition("pip install ")[2]), "no install outside the locks"
