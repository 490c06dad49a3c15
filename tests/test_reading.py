import codecs

import pytest

import zone_lib
from zone_lib.errors import SeedReadError, SeedsNotFoundError
from zone_lib.ingest.reading import decode_text, split_lines

TEXT = "宁政办发〔2019〕10号\n牵头单位：自治区卫生健康委。\n"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(TEXT.encode("utf-8"), id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + TEXT.encode("utf-8"), id="utf-8-bom"),
        pytest.param(TEXT.encode("gb18030"), id="gb18030"),
        pytest.param(TEXT.encode("utf-16"), id="utf-16-bom"),
        pytest.param(TEXT.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
        pytest.param(TEXT.replace("\n", "\r").encode("gb18030"), id="cr-gb18030"),
    ],
)
def test_every_encoding_reads_the_same_lines(data):
    text, _ = decode_text(data)
    assert split_lines(text) == ["宁政办发〔2019〕10号", "牵头单位：自治区卫生健康委。"]


def test_binary_is_refused_with_the_file_name():
    with pytest.raises(SeedReadError, match=r"x\.txt: looks binary"):
        decode_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "x.txt")


def test_undecodable_bytes_say_what_to_do():
    with pytest.raises(SeedReadError, match="re-save it as UTF-8"):
        decode_text(b"abc\x80\xffdef", "bad.txt")


def test_missing_seeds_folder(tmp_path):
    with pytest.raises(SeedsNotFoundError, match="does not exist"):
        zone_lib.documents(seeds=tmp_path / "nowhere")


def test_seeds_folder_without_text_files(tmp_path):
    with pytest.raises(SeedsNotFoundError, match="holds no .txt seed file"):
        zone_lib.documents(seeds=tmp_path)


def test_zone_seeds_environment_variable(monkeypatch, tmp_path):
    monkeypatch.setenv("ZONE_SEEDS", str(tmp_path / "missing"))
    with pytest.raises(SeedsNotFoundError, match="ZONE_SEEDS"):
        zone_lib.documents()


def test_unreadable_seed_file_is_a_zone_error(seed_copy):
    (seed_copy / "zz_image.txt").write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(SeedReadError, match="zz_image.txt"):
        zone_lib.documents(seeds=seed_copy)
