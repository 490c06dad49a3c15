"""Two seeds folders in one process: every function answers for the folder it is given.

The packaged seeds and a copy in which a unit is renamed (自治区扶贫办 → 自治区乡村振兴局)
are switched back and forth, through ``ZONE_SEEDS`` (the default corpus) and explicitly
(``seeds=`` a folder or a :class:`zone_lib.Corpus`). Tables, views and the briefing
parameters must agree with the folder each time: no cache may answer for the other one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import zone_lib
from tests.conftest import SEEDS
from zone_lib.errors import ParameterError
from zone_lib.views import params, year_by_unit

OLD, NEW = "自治区扶贫办", "自治区乡村振兴局"


@pytest.fixture(scope="module")
def renamed(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("renamed") / "seeds"
    shutil.copytree(SEEDS, dest)
    for path in dest.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        if "扶贫办" in text:  # printed 自治区扶贫办 or, after a 自治区 list, 扶贫办
            path.write_text(text.replace("扶贫办", "乡村振兴局"), encoding="utf-8")
    return dest


def _units(seeds=None) -> set[str]:
    return set(zone_lib.responsibilities(seeds=seeds).unit)


def _answers(seeds=None) -> dict[str, object]:
    """What the library says about the units, through every path that names them."""
    return {
        "responsibilities": _units(seeds),
        "valid_units": set(params.valid_units(seeds).unit),
        "units": set(zone_lib.units(seeds=seeds).canonical),
        "year_by_unit": set(year_by_unit(2019).unit) if seeds is None else set(),
    }


def test_the_copy_differs_only_in_the_renamed_unit(renamed):
    assert OLD in _units() and NEW not in _units()
    assert NEW in _units(renamed) and OLD not in _units(renamed)
    assert _units(renamed) - {NEW} == _units() - {OLD}


def test_switching_zone_seeds_switches_every_answer(renamed, monkeypatch):
    for folder, present, absent in [
        (None, OLD, NEW),
        (renamed, NEW, OLD),
        (None, OLD, NEW),
        (renamed, NEW, OLD),
    ]:
        if folder is None:
            monkeypatch.delenv("ZONE_SEEDS", raising=False)
        else:
            monkeypatch.setenv("ZONE_SEEDS", str(folder))
        answers = _answers()
        for name in ("responsibilities", "valid_units", "units"):
            assert present in answers[name] and absent not in answers[name], (folder, name)
        assert answers["valid_units"] == answers["responsibilities"]
        assert answers["year_by_unit"] <= answers["responsibilities"]
        assert params.check_unit(present) == present
        with pytest.raises(ParameterError):
            params.check_unit(absent)


def test_explicit_corpora_side_by_side(renamed):
    packaged, copy = zone_lib.load(), zone_lib.load(renamed)
    assert packaged is zone_lib.load() and copy is zone_lib.load(renamed)  # read once
    assert packaged.folder != copy.folder
    for corpus, present, absent in [(packaged, OLD, NEW), (copy, NEW, OLD), (packaged, OLD, NEW)]:
        assert present in set(corpus.responsibilities().unit)
        assert absent not in set(zone_lib.responsibilities(seeds=corpus).unit)
        assert set(params.valid_units(corpus).unit) == set(corpus.responsibilities().unit)
        assert params.check_unit(present, corpus) == present
        with pytest.raises(ParameterError):
            params.check_unit(absent, corpus)
    # the tables that do not name the unit are the same for both folders
    for name in ("matrix", "tasks", "documents"):
        a, b = packaged.table(name), copy.table(name)
        assert a.shape == b.shape


def test_corpus_tables_are_cached_on_the_corpus_and_copied(renamed):
    corpus = zone_lib.load(renamed)
    first = corpus.matrix()
    first.loc[0, "text"] = "changed by the caller"
    assert corpus.matrix().loc[0, "text"] != "changed by the caller"
    assert ("table", "matrix", (), ()) in corpus.memo
    with pytest.raises(AttributeError):
        corpus.no_such_table()


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["inprocess", "kernel"])
def test_zone_render_with_seeds_reads_that_folder_in_either_engine(renamed, tmp_path, engine):
    """The worker gets the folder as an argument; a Jupyter kernel gets it as the ``seeds`` parameter."""
    from zone_lib.render import suite
    from zone_lib.render.pages import render

    out = tmp_path / engine
    report = render([suite.year(2019)], out, jobs=1, engine=engine, seeds=str(renamed), progress=False)
    assert not report.failed, [r.error for r in report.results]
    page = (out / "year-2019.html").read_text(encoding="utf-8")
    assert "乡村振兴局" in page and "扶贫办" not in page


def test_views_take_the_corpus_explicitly(renamed):
    from zone_lib import views

    corpus = zone_lib.load(renamed)
    for seeds in (renamed, corpus):
        assert NEW in set(views.year_by_unit(2019, seeds=seeds).unit)
        assert OLD not in set(views.year_by_unit(2019, seeds=seeds).unit)
        assert len(views.unit_view(NEW, seeds=seeds)) == len(views.unit_view(OLD))
        assert NEW in set(views.platform_units(1, seeds=seeds).unit) | set(views.unit_share(seeds=seeds).unit)
    assert OLD in set(views.year_by_unit(2019).unit)  # the default corpus is untouched
    with pytest.raises(ParameterError):
        views.unit_view(OLD, seeds=corpus)
