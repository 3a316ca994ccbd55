"""The line splitter and output buffer, fed byte by byte and chunk by chunk."""

from __future__ import annotations

import pytest

from custom_components.esphome_builder.jobs.lines import LineSplitter
from custom_components.esphome_builder.jobs.output import OutputBuffer
from custom_components.esphome_builder.jobs.verdicts import find_fatal, last_progress


def _split(chunks: list[bytes], max_line: int = 64) -> list[str]:
    splitter = LineSplitter(max_line)
    lines: list[str] = []
    for chunk in chunks:
        lines += splitter.feed(chunk)[0]
    lines += splitter.finish()[0]
    return lines


def _bytewise(data: bytes) -> list[bytes]:
    return [data[i : i + 1] for i in range(len(data))]


@pytest.mark.parametrize("chunker", [lambda d: [d], _bytewise])
def test_cr_lf_and_crlf_each_end_one_line(chunker) -> None:
    data = b"a\nb\r\nc\rd\n\re\r\n\nlast"
    assert _split(chunker(data)) == ["a", "b", "c\r", "d", "\r", "e", "", "last"]


def test_crlf_split_across_reads_is_one_terminator() -> None:
    assert _split([b"one\r", b"\ntwo\r", b"\n"]) == ["one", "two"]
    assert _split([b"bar 1\r", b"bar 2\r", b"done\n"]) == ["bar 1\r", "bar 2\r", "done"]


def test_long_line_is_cut_without_breaking_utf8() -> None:
    euro = "€".encode()  # three bytes
    data = euro * 50 + b"\n"
    lines = _split(_bytewise(data), max_line=64) + _split([data], max_line=64)
    assert all(len(line) <= 64 for line in lines)
    assert "\ufffd" not in "".join(lines)
    assert "".join(lines) == "€" * 100
    assert _split([b"y" * 130 + b"\rz\n"]) == ["y" * 64, "y" * 64, "yy\r", "z"]


def test_invalid_utf8_replaced_and_ansi_unescaped() -> None:
    assert _split([b"\xff ok \\033[32mINFO\\033[0m\n"]) == [
        "\ufffd ok \x1b[32mINFO\x1b[0m"
    ]


def test_buffer_overwrites_transient_lines() -> None:
    buffer = OutputBuffer(retained=3, inflight=6)
    buffer.append(["start", "bar 1\r"], True)
    buffer.append(["bar 2\r"], True)
    buffer.append(["done"], False)
    assert buffer.snapshot() == ["start", "done"]


def test_buffer_hysteresis_and_notice() -> None:
    buffer = OutputBuffer(retained=3, inflight=6)
    sizes = []
    for i in range(20):
        buffer.append([f"l{i}"], False)
        sizes.append(len(buffer))
    assert max(sizes) == 6
    assert sizes[:7] == [1, 2, 3, 4, 5, 6, 3]
    buffer.finalize()
    assert buffer.snapshot() == [
        "... [output trimmed: 17 earlier line(s) elided]",
        "l17",
        "l18",
        "l19",
    ]
    big = OutputBuffer(retained=3, inflight=6)
    big.append([f"x{i}" for i in range(100)], False)
    assert big.snapshot() == [
        "... [output trimmed: 97 earlier line(s) elided]",
        "x97",
        "x98",
        "x99",
    ]


def test_only_a_missing_esphome_module_is_fatal() -> None:
    assert find_fatal("ModuleNotFoundError: No module named 'esphome'") is not None
    assert find_fatal("/usr/bin/python3: No module named esphome") is not None
    assert find_fatal("No module named 'esphome_dashboard'") is None
    assert find_fatal("No module named esphome_dashboard") is None
    assert find_fatal("No module named 'yaml'") is None


def test_progress_is_read_from_upload_esptool_and_ninja_lines() -> None:
    assert last_progress("Uploading: [=====     ] 45% ") == 45
    assert last_progress("Writing at 0x00010000... (12 %)") == 12
    assert last_progress("[12/48] CXX obj/a.o\n[24/48] CXX obj/b.o") == 50
    assert last_progress("\x1b[32m[3/4] LINK program") == 75
    assert last_progress("free heap 45%") is None
    assert last_progress("no progress here") is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"  password: \\033[8mhunter22\\033[28m\n", "  password: ••••••"),
        (b"  key: \x1b[8mabc=\x1b[28m tail\n", "  key: •••••• tail"),
        # A span left open ends with its line; the next line is untouched.
        (b"psk: \x1b[8mnever closed\nnext\n", "psk: ••••••"),
        (b"a \x1b[8mone\x1b[28m b \\033[8mtwo\\033[0m c\n", "a •••••• b •••••• c"),
        (b"no secret \x1b[1mbold\x1b[0m\n", "no secret \x1b[1mbold\x1b[0m"),
    ],
)
def test_concealed_text_is_masked(raw: bytes, expected: str) -> None:
    for splitter in (LineSplitter(), LineSplitter(unescape_ansi=False)):
        lines, _ = splitter.feed(raw)
        assert lines[0] == expected
        assert not any("hunter22" in line or "abc=" in line for line in lines)
