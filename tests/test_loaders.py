"""Reading bytes: encodings are detected and remembered; binary and undecodable input is refused."""
import codecs

import pytest

from lawlint.document.loaders import InputError, decode, load

TEXT = "青山县人民政府关于2024年法治政府建设情况的报告\n“放管服”改革、《行政处罚法》。\n"


@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("gb18030"), "gb18030"),
    (TEXT.encode("gbk"), "gb18030"),
    (TEXT.encode("utf-16"), "utf-16"),
])
def test_encodings_are_detected(data, encoding):
    assert decode(data) == (TEXT, encoding)


def test_bom_is_not_part_of_the_text_so_offsets_start_at_the_title():
    doc = load("a.txt", codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    assert doc.text.startswith("青山县") and doc.position(0) == (1, 1)


def test_markdown_format_is_kept():
    assert load("report.md", b"# x\n").format == "md"
    assert load("report.txt", b"x\n").format == "txt"


@pytest.mark.parametrize("data, words", [
    (b"%PDF-1.7\n...", "PDF"),
    (b"PK\x03\x04\x14\x00", "docx"),
    (b"abc\x00def", "二进制"),
    (bytes(range(0x80, 0x100)) * 4, "编码"),
    (b"\xff\xfe\x00", "utf-16"),
])
def test_binary_and_undecodable_input_is_refused(data, words):
    with pytest.raises(InputError, match=words):
        decode(data)


def test_bytes_gb18030_can_read_but_that_are_not_chinese_text_are_refused():
    data = ("Жизнь и судьба " * 40).encode("gb18030")  # valid GB18030, decodes to Cyrillic
    with pytest.raises(InputError, match="编码"):
        decode(data)


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-le", "utf-32-be"])
def test_utf32_with_a_bom_is_decoded_not_read_as_utf16(codec):
    bom = {"utf-32": b"", "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}[codec]
    assert decode(bom + TEXT.encode(codec)) == (TEXT, "utf-32")


def test_utf32_that_does_not_decode_is_refused_in_one_line():
    with pytest.raises(InputError, match="utf-32 编码"):
        decode(codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le")[:-2])


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8") * 5000 + b"\x00\x01\x02",            # a NUL after the first 64 KB
    codecs.BOM_UTF8 + TEXT.encode("utf-8") + b"\x00",
    TEXT.encode("utf-16") + "\x00".encode("utf-16-le"),       # a NUL character inside UTF-16 text
    codecs.BOM_UTF32_LE + (TEXT + "\x00").encode("utf-32-le"),
])
def test_a_nul_anywhere_means_binary(data):
    assert len(data) < 65536 or b"\x00" not in data[:65536]
    with pytest.raises(InputError, match="二进制"):
        decode(data)
