"""The on-demand jieba dictionary segments exactly like jieba with its whole dictionary.

:mod:`zone_lib.analysis.jieba_dict` loads only the dictionary entries a text can look up
(:class:`~zone_lib.analysis.jieba_dict.CoveringTokenizer`) and :func:`zone_lib.analysis.words.segment`
segments every distinct block of text once. Both are checked here against a plain
``jieba.Tokenizer`` with the full dictionary and the same user dictionary, on every
text of the seeds and on texts the seeds do not hold; and the index file's
building, reuse, invalidation and fallbacks are checked with a tiny dictionary.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from zone_lib import load_corpus, milestones, tasks
from zone_lib.analysis import jieba_dict
from zone_lib.analysis.jieba_dict import CoveringTokenizer, DictIndex, jieba
from zone_lib.analysis.words import (
    _WORDLIKE,
    USERDICT,
    normalize,
    segment,
    stopwords,
    tokenizer,
    userdict_words,
    words,
)

#: Texts the seeds do not hold: new vocabulary, unknown words (HMM), Latin, digits,
#: full-width forms, rare characters, user-dictionary terms in new company.
UNSEEN = [
    "2024年，各地要加快推进智慧药房和AI辅助诊疗试点，鼓励5G+远程超声、可穿戴设备监测慢阻肺患者。",
    "区块链电子发票在宁夏全区推开；医保基金智能审核覆盖率达到95.5%以上，“一码通”就医更便捷。",
    "Ｗｅｂ端与ＡＰＰ同步上线：预约挂号→候诊提醒→诊间支付→报告查询，全流程“不见面”办理。",
    "贺兰山东麓葡萄酒产业园区的职工健康小屋配备了血压计、血糖仪和心电监测仪。",
    "隗嵬鬻龘靐齉爩：生僻字不在词典里也要照常切分；互联网+医疗健康示范区建设再出发！",
    "COVID-19疫情期间，发热门诊与方舱医院协同；PCR检测结果T+1回传到健康码。",
    "",
    "。",
    "单",
]


def _seed_texts() -> list[str]:
    """Every line of every seed document, every task title and text, every milestone."""
    texts: set[str] = set()
    for doc in load_corpus().docs:
        texts.update(text for _, text in doc.numbered_lines())
    ts = tasks()
    texts.update(ts.task.dropna())
    texts.update(ts.text.dropna())
    texts.update(milestones().text.dropna())
    return sorted(texts)


def _with_userdict(tk: jieba.Tokenizer) -> jieba.Tokenizer:
    with resources.as_file(resources.files("zone_lib").joinpath("data", USERDICT)) as path:
        with open(path, "rb") as f:
            tk.load_userdict(f)
    return tk


def _reference_words(tk: jieba.Tokenizer, text: str, tokens: list[str] | None = None) -> list[str]:
    """:func:`words` as it was computed before: one ``lcut`` of the whole normalised text."""
    if not text:
        return []
    stop = stopwords()
    out = []
    for w in tokens if tokens is not None else tk.lcut(normalize(text)):
        w = w.strip()
        if len(w) < 2 or w in stop or not _WORDLIKE.search(w):
            continue
        out.append(w)
    return out


@pytest.fixture(scope="module")
def full_dict() -> tuple[dict[str, int], int]:
    """jieba's whole prefix dictionary and total, as plain jieba loads them (no user words)."""
    jieba.setLogLevel(logging.WARNING)
    freq, total = jieba_dict.full_dictionary()
    return dict(freq), total


@pytest.fixture(scope="module")
def full(full_dict) -> jieba.Tokenizer:
    """A plain jieba tokenizer: the whole dictionary, then the domain user dictionary."""
    freq, total = full_dict
    return _with_userdict(jieba_dict.full_tokenizer(dict(freq), total))


@pytest.fixture(scope="module")
def seed_texts() -> list[str]:
    return _seed_texts()


def _fresh() -> jieba.Tokenizer:
    """A new tokenizer as the library builds it (nothing covered yet), user dictionary loaded."""
    return _with_userdict(jieba_dict.load_tokenizer())


# --- exactness ----------------------------------------------------------------


def test_library_tokenizer_loads_the_dictionary_on_demand(full):
    tk = tokenizer()
    if jieba_dict.cache_dir() is not None:
        assert isinstance(tk, CoveringTokenizer)
        assert len(tk.FREQ) < len(full.FREQ) / 5  # only what the texts so far needed
    assert tk.total == full.total


def test_seed_texts_segment_as_with_the_full_dictionary(full, seed_texts):
    tk = tokenizer()
    assert len(seed_texts) > 1000
    for text in seed_texts:
        n = normalize(text)
        expected = full.lcut(n)
        assert tk.lcut(n) == expected, text
        assert segment(n) == expected, text
        assert words(text) == _reference_words(full, text, expected), text


def test_unseen_texts_on_a_fresh_tokenizer(full):
    tk = _fresh()
    for text in UNSEEN:  # nothing of these was covered before
        for n in (text, normalize(text)):
            assert tk.lcut(n) == full.lcut(n), n
            assert tk.lcut(n, HMM=False) == full.lcut(n, HMM=False), n
            assert tk.lcut(n, cut_all=True) == full.lcut(n, cut_all=True), n
            assert tk.lcut_for_search(n) == full.lcut_for_search(n), n
            assert list(tk.tokenize(n)) == list(full.tokenize(n)), n
            assert tk.get_DAG(n) == full.get_DAG(n), n
            assert tk.suggest_freq(n) == full.suggest_freq(n), n
        assert segment(normalize(text)) == full.lcut(normalize(text)), text
        assert words(text) == _reference_words(full, text), text


def test_unseen_texts_first_then_seed_texts_in_another_order(full, seed_texts):
    tk = _fresh()
    order = UNSEEN + seed_texts[::-7]
    for text in order:
        n = normalize(text)
        assert tk.lcut(n) == full.lcut(n), text


def test_get_dag_alone_covers_its_sentence(full):
    tk = _fresh()
    sentence = "慢阻肺患者可穿戴设备监测数据上传区块链"
    assert tk.get_DAG(sentence) == full.get_DAG(sentence)


def test_user_words_and_their_prefixes_keep_their_values(full):
    tk = tokenizer()
    for w in userdict_words():
        tk.lcut(w)
        for k in range(1, len(w) + 1):
            assert tk.FREQ.get(w[:k]) == full.FREQ.get(w[:k]), w[:k]
    # later texts load more entries but never overwrite a user word
    tk.lcut("互联网医院建设互联网诊疗服务与互联网+医疗健康")
    assert all(tk.FREQ[w] == full.FREQ[w] for w in userdict_words())
    assert tk.total == full.total


def test_added_words_on_a_fresh_tokenizer(full_dict):
    freq, total = full_dict
    tk, ref = _fresh(), _with_userdict(jieba_dict.full_tokenizer(dict(freq), total))
    for t in (tk, ref):
        t.add_word("慢阻肺管理", 5000)
        t.add_word("可穿戴")  # frequency suggested from the dictionary
        t.add_word("辅助诊疗试点", 1)
    for text in UNSEEN:
        assert tk.lcut(text) == ref.lcut(text)
    assert tk.total == ref.total
    assert tk.FREQ["可穿戴"] == ref.FREQ["可穿戴"]


def test_index_holds_jiebas_whole_dictionary(full_dict):
    freq, total = full_dict
    tokenizer()  # the library's index file, built if need be
    folder = jieba_dict.cache_dir()
    key = jieba_dict.source_key()
    path = jieba_dict.index_path(folder, key) if folder is not None else None
    if path is not None and path.is_file():
        index = DictIndex.read(path, key)
    else:  # index switched off or not writable here: check the encoding itself
        index = DictIndex(jieba_dict.encode_index(freq, total, key), key)
    assert index.total == total
    assert index.n_entries == len(freq)
    assert index.entries() == freq
    # each word sits in the segment of its first bigram (one-character words in segment 0)
    assert index.segment(0) == {w: f for w, f in freq.items() if len(w) == 1}
    for w in list(freq)[::97]:
        if len(w) > 1:
            entries = index.segment(jieba_dict.bucket(w) + 1)
            assert entries[w] == freq[w]
            assert all(jieba_dict.bucket(x) == jieba_dict.bucket(w) for x in entries)


# --- the index file -------------------------------------------------------------

TINY = {"中": 30, "国": 20, "人": 25, "中国": 40, "中国人": 10, "国人": 5, "人民": 8, "民": 3}


@pytest.fixture
def tiny(monkeypatch, tmp_path):
    """A tiny dictionary instead of jieba's, and a cache folder of its own; counts the builds."""
    builds = []

    def fake_full() -> tuple[dict[str, int], int]:
        builds.append(1)
        return dict(TINY), 141

    key = {"format": jieba_dict.FORMAT, "dict": "tiny", "mtime_ns": 1}
    monkeypatch.setattr(jieba_dict, "full_dictionary", fake_full)
    monkeypatch.setattr(jieba_dict, "source_key", lambda: dict(key))
    folder = tmp_path / "cache"
    monkeypatch.setenv(jieba_dict.ENV_VAR, str(folder))
    return folder, builds, key


def _tiny_reference() -> jieba.Tokenizer:
    return jieba_dict.full_tokenizer(dict(TINY), 141)


def test_index_built_once_then_reused(tiny):
    folder, builds, key = tiny
    tk = jieba_dict.load_tokenizer()
    assert isinstance(tk, CoveringTokenizer) and builds == [1]
    files = list(folder.glob("jieba-dict-*.idx"))
    assert files == [jieba_dict.index_path(folder, key)]
    assert (folder.stat().st_mode & 0o777) == 0o700
    tk2 = jieba_dict.load_tokenizer()
    assert builds == [1]  # read, not rebuilt
    for t in (tk, tk2):
        assert t.lcut("中国人民中国人") == _tiny_reference().lcut("中国人民中国人")


def test_damaged_index_is_rebuilt(tiny):
    folder, builds, key = tiny
    jieba_dict.load_tokenizer()
    path = jieba_dict.index_path(folder, key)
    data = bytearray(path.read_bytes())
    data[-3] ^= 0xFF  # a flipped byte in the entries
    path.write_bytes(bytes(data))
    with pytest.raises(ValueError, match="CRC"):
        DictIndex.read(path, key)
    tk = jieba_dict.load_tokenizer()
    assert builds == [1, 1]
    assert DictIndex.read(path, key).entries() == TINY
    assert tk.lcut("中国人民") == _tiny_reference().lcut("中国人民")
    path.write_bytes(b"garbage")
    jieba_dict.load_tokenizer()
    assert builds == [1, 1, 1]


def test_new_jieba_dictionary_rebuilds_the_index(tiny, monkeypatch):
    folder, builds, key = tiny
    jieba_dict.load_tokenizer()
    path = jieba_dict.index_path(folder, key)
    newer = {**key, "mtime_ns": 2}  # dict.txt edited, or jieba upgraded in place
    monkeypatch.setattr(jieba_dict, "source_key", lambda: dict(newer))
    with pytest.raises(ValueError, match="another dictionary"):
        DictIndex.read(path, newer)
    jieba_dict.load_tokenizer()
    assert builds == [1, 1]
    assert jieba_dict.index_path(folder, newer) == path  # one file per installation, replaced
    assert DictIndex.read(path, newer).total == 141
    assert list(folder.glob("jieba-dict-*.idx")) == [path]


def test_two_jieba_installations_keep_their_own_index(tiny, monkeypatch):
    folder, builds, key = tiny
    jieba_dict.load_tokenizer()
    other = {**key, "dict": "another venv's dict.txt"}
    monkeypatch.setattr(jieba_dict, "source_key", lambda: dict(other))
    jieba_dict.load_tokenizer()
    monkeypatch.setattr(jieba_dict, "source_key", lambda: dict(key))
    jieba_dict.load_tokenizer()
    assert builds == [1, 1]  # switching back reads the first index again
    assert len(list(folder.glob("jieba-dict-*.idx"))) == 2


def test_real_source_key_names_jieba_and_its_dictionary():
    key = jieba_dict.source_key()
    assert key["jieba"] == jieba.__version__
    assert Path(key["dict"]).name == "dict.txt" and Path(key["dict"]).is_file()
    assert key["size"] == Path(key["dict"]).stat().st_size


def test_index_can_be_switched_off(tiny, monkeypatch):
    folder, builds, _ = tiny
    monkeypatch.setenv(jieba_dict.ENV_VAR, "off")
    assert jieba_dict.cache_dir() is None
    tk = jieba_dict.load_tokenizer()
    assert not isinstance(tk, CoveringTokenizer) and tk.FREQ == TINY
    assert not folder.exists()


def test_unwritable_cache_folder_falls_back_to_the_full_dictionary(tiny, monkeypatch, tmp_path):
    _, builds, _ = tiny
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(jieba_dict.ENV_VAR, str(blocker / "cache"))
    tk = jieba_dict.load_tokenizer()
    assert not isinstance(tk, CoveringTokenizer) and builds == [1]
    assert tk.lcut("中国人民") == _tiny_reference().lcut("中国人民")


def test_default_cache_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(jieba_dict.ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert jieba_dict.cache_dir() == tmp_path / "zone_lib"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert jieba_dict.cache_dir() == tmp_path / ".cache" / "zone_lib"
    monkeypatch.setenv(jieba_dict.ENV_VAR, str(tmp_path / "mine"))
    assert jieba_dict.cache_dir() == tmp_path / "mine"


# --- import ----------------------------------------------------------------------


def test_jieba_is_imported_without_pkg_resources():
    code = (
        "import sys, importlib.util\n"
        "from zone_lib.analysis.words import words\n"
        "assert words('推广电子健康卡') == ['电子健康卡']\n"
        "assert 'jieba' in sys.modules\n"
        "assert 'pkg_resources' not in sys.modules, 'pkg_resources imported'\n"
        "if importlib.util.find_spec('pkg_resources') is not None:\n"
        "    import pkg_resources  # still importable afterwards\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "ZONE_SEEDS"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
