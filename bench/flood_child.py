"""The child both sides of the output-flood benchmark read.

    flood_child.py [--dashboard] <mode> <count>

- ``lines N``: N short lines, fast;
- ``noline N``: N MiB without a single newline (1 MiB writes), then one ``\\n``;
- ``biglines N``: N MiB of lines of 64 KiB each (the splitter's longest line).
"""

import os
import sys

MIB = 1 << 20
BIG_LINE = 64 * 1024


def lines(count: int) -> None:
    block = 5000
    i = 0
    while i < count:
        n = min(block, count - i)
        os.write(
            1,
            "".join(f"INFO line {j} of the flood\n" for j in range(i, i + n)).encode(),
        )
        i += n


def write_all(data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(1, view) :]


def noline(mib: int) -> None:
    chunk = b"x" * MIB
    for _ in range(mib):
        write_all(chunk)
    write_all(b"\n")


def biglines(mib: int) -> None:
    line = b"y" * (BIG_LINE - 1) + b"\n"
    block = line * 16  # 1 MiB per write
    for _ in range(mib):
        write_all(block)


MODES = {"lines": lines, "noline": noline, "biglines": biglines}


def main() -> None:
    mode, count = sys.argv[-2], int(sys.argv[-1])
    if mode not in MODES:
        mode = "lines"
    MODES[mode](count)


if __name__ == "__main__":
    main()
