"""The README's and docs/ pages' examples print what they say they print."""

import doctest
import re

import pytest

from tests.conftest import ROOT

PAGES = ["README.md", "docs/tables.md", "docs/own-document.md"]


@pytest.mark.parametrize("page", PAGES)
def test_python_examples_run_as_shown(page, monkeypatch):
    import zone_lib

    monkeypatch.chdir(ROOT)  # examples name files relative to the checkout
    text = (ROOT / page).read_text("utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert blocks, f"{page} has no python examples"
    parser = doctest.DocTestParser()
    test = parser.get_doctest("\n".join(blocks), {"zone_lib": zone_lib}, page, page, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.attempted >= 3
    assert result.failed == 0


def test_readme_crosswalk_table_is_the_current_result():
    import pandas as pd

    import zone_lib

    text = (ROOT / "docs" / "crosswalk.md").read_text("utf-8")
    section = text.split("## Crosswalk: Qingtongxia", 1)[1].split("\n## ", 1)[0]
    shown = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 7 and cells[0].isdigit():
            shown[int(cells[0])] = None if cells[2].startswith("added") else int(cells[2].split()[0])
    s = zone_lib.crosswalk_summary("qtx-impl-2019", "nx-impl-2019")
    s = s[s.status != "dropped"]
    got = {int(r.from_task): None if pd.isna(r.to_task) else int(r.to_task) for r in s.itertuples()}
    assert len(shown) == 38
    assert shown == got
