"""The child both sides of the output-flood benchmark read: N short lines, fast."""

import os
import sys


def main() -> None:
    count = int(sys.argv[-1])
    block = 5000
    i = 0
    while i < count:
        n = min(block, count - i)
        os.write(
            1,
            "".join(f"INFO line {j} of the flood\n" for j in range(i, i + n)).encode(),
        )
        i += n


if __name__ == "__main__":
    main()
