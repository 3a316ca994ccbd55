"""Regenerate the integration's brand images in custom_components/.../brand/.

Home Assistant 2026.10 (not 2025.4) serves a custom integration's own brand
images from a `brand/` folder beside its manifest.json, at
`/api/brands/integration/<domain>/<image>`. This draws them with Pillow, at the
sizes of Home Assistant's brands guidelines: `icon.png` 256x256 and
`icon@2x.png` 512x512 (square, trimmed, transparent), `logo.png` with its
shortest side 128 px and `logo@2x.png` double that, and `dark_` variants of
each for a dark background. The logo is the icon and the name, set in a TrueType
font found on this machine, or a wider mark when there is none.

Run it from the repository root after changing the design:

    .venv/bin/python -m devtools.brand_images
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
BRAND_DIR = ROOT / "custom_components" / "esphome_builder" / "brand"

ICON_SIZE = 256
"""Side of icon.png; icon@2x.png is twice this."""
LOGO_HEIGHT = 128
"""Height (the shortest side) of logo.png; logo@2x.png is twice this."""
SUPERSAMPLE = 4
"""Draw this many times larger, then downscale, for smooth edges."""
NAME = ("ESPHome", " Builder")
"""The name on the logo: a bold part and a regular part."""

FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
BOLD_FONTS = ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "NotoSans-Bold.ttf")
REGULAR_FONTS = ("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "NotoSans-Regular.ttf")

type RGBA = tuple[int, int, int, int]
type Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Palette:
    """The colours of one variant (for a light or a dark background)."""

    house: RGBA
    chip: RGBA
    die: RGBA
    wrench: RGBA
    text: RGBA
    accent_text: RGBA


LIGHT = Palette(
    house=(3, 169, 244, 255),
    chip=(255, 255, 255, 255),
    die=(3, 169, 244, 255),
    wrench=(255, 152, 0, 255),
    text=(33, 33, 33, 255),
    accent_text=(2, 136, 209, 255),
)
DARK = Palette(
    house=(41, 182, 246, 255),
    chip=(255, 255, 255, 255),
    die=(41, 182, 246, 255),
    wrench=(255, 167, 38, 255),
    text=(240, 240, 240, 255),
    accent_text=(79, 195, 247, 255),
)


def _scaled(points: Iterable[Point], size: float) -> list[Point]:
    """Scale unit-square points to a canvas of `size` pixels."""
    return [(x * size, y * size) for x, y in points]


def _rotated(points: Iterable[Point], center: Point, degrees: float) -> list[Point]:
    """Rotate points about `center`, clockwise on screen by `degrees`."""
    angle = math.radians(degrees)
    cos, sin = math.cos(angle), math.sin(angle)
    cx, cy = center
    return [
        (cx + (x - cx) * cos - (y - cy) * sin, cy + (x - cx) * sin + (y - cy) * cos)
        for x, y in points
    ]


def _circle(center: Point, radius: float, steps: int = 96) -> list[Point]:
    """Return a polygon that approximates a circle."""
    cx, cy = center
    return [
        (
            cx + radius * math.cos(2 * math.pi * i / steps),
            cy + radius * math.sin(2 * math.pi * i / steps),
        )
        for i in range(steps)
    ]


def _wrench_mask(size: int, grow: float) -> Image.Image:
    """Draw the wrench as a mask, `grow` (unit lengths) fatter on every side.

    The wrench lies from the lower left to the upper right of the icon's lower
    right corner, with its open jaw at the top right. Drawn grown, it is the
    gap cut out of the house so that the wrench stands apart from it.
    """
    mask = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(mask)
    head: Point = (0.845, 0.585)
    angle = -45.0  # the handle runs from the head towards the lower left
    head_radius = 0.105 + grow
    half_handle = 0.042 + grow
    handle_length = 0.30
    jaw_half = 0.048
    hx, hy = head
    # Handle: a bar from the head back along the wrench's axis, round at its end.
    bar = [
        (hx - handle_length, hy - half_handle),
        (hx, hy - half_handle),
        (hx, hy + half_handle),
        (hx - handle_length, hy + half_handle),
    ]
    draw.polygon(_scaled(_rotated(bar, head, angle), size), fill=255)
    end = _rotated([(hx - handle_length, hy)], head, angle)[0]
    draw.polygon(_scaled(_circle(end, half_handle), size), fill=255)
    draw.polygon(_scaled(_circle(head, head_radius), size), fill=255)
    if grow == 0:
        # The open jaw: a slot cut into the head, away from the handle. The
        # grown outline keeps no slot, so the jaw shows the background.
        jaw_base = hx - 0.005
        slot = [
            (jaw_base, hy - jaw_half),
            (hx + head_radius + 0.05, hy - jaw_half),
            (hx + head_radius + 0.05, hy + jaw_half),
            (jaw_base, hy + jaw_half),
        ]
        draw.polygon(_scaled(_rotated(slot, head, angle), size), fill=0)
        draw.polygon(_scaled(_circle((jaw_base, hy), jaw_half), size), fill=0)
    return mask


def _house_layer(size: int, palette: Palette) -> Image.Image:
    """Draw the house with a chip inside it."""
    layer = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    house = [
        (0.5, 0.04),
        (0.97, 0.47),
        (0.86, 0.47),
        (0.86, 0.95),
        (0.14, 0.95),
        (0.14, 0.47),
        (0.03, 0.47),
    ]
    draw.polygon(_scaled(house, size), fill=palette.house)

    # The chip: a square body, a die mark, and three pins on each side.
    left, top, right, bottom = 0.33, 0.50, 0.63, 0.80
    draw.rounded_rectangle(
        _scaled([(left, top), (right, bottom)], size),
        radius=0.03 * size,
        fill=palette.chip,
    )
    inset = 0.07
    draw.rounded_rectangle(
        _scaled([(left + inset, top + inset), (right - inset, bottom - inset)], size),
        radius=0.015 * size,
        fill=palette.die,
    )
    pin_length, pin_half = 0.055, 0.018
    for i in range(3):
        offset = top + (bottom - top) * (i + 1) / 4
        draw.rectangle(
            _scaled(
                [(left - pin_length, offset - pin_half), (left, offset + pin_half)],
                size,
            ),
            fill=palette.chip,
        )
        draw.rectangle(
            _scaled(
                [(right, offset - pin_half), (right + pin_length, offset + pin_half)],
                size,
            ),
            fill=palette.chip,
        )
        across = left + (right - left) * (i + 1) / 4
        draw.rectangle(
            _scaled(
                [(across - pin_half, top - pin_length), (across + pin_half, top)],
                size,
            ),
            fill=palette.chip,
        )
        draw.rectangle(
            _scaled(
                [(across - pin_half, bottom), (across + pin_half, bottom + pin_length)],
                size,
            ),
            fill=palette.chip,
        )
    return layer


def draw_icon(side: int, palette: Palette) -> Image.Image:
    """Draw the square icon, `side` pixels wide, on a transparent background."""
    size = side * SUPERSAMPLE
    layer = _house_layer(size, palette)
    # Cut a gap around the wrench out of the house, then lay the wrench in it.
    gap = _wrench_mask(size, grow=0.03)
    alpha = layer.getchannel("A")
    alpha.paste(0, mask=gap)
    layer.putalpha(alpha)
    wrench = Image.new("RGBA", (size, size), palette.wrench)
    layer.paste(wrench, mask=_wrench_mask(size, grow=0.0))
    return layer.resize((side, side), Image.Resampling.LANCZOS)


def find_font(names: Sequence[str]) -> Path | None:
    """Return the first of these TrueType fonts found on this machine."""
    for name in names:
        for folder in FONT_DIRS:
            if folder.is_dir() and (found := next(folder.rglob(name), None)):
                return found
    return None


def draw_logo(height: int, palette: Palette) -> Image.Image:
    """Draw the logo: the icon and the name beside it, trimmed left and right.

    It is drawn `height` times SUPERSAMPLE pixels high, for `logo_sizes` to
    scale down. Without a TrueType font, the logo is the icon between circuit
    traces, still wider than high.
    """
    size = height * SUPERSAMPLE
    icon = draw_icon(height, palette).resize((size, size), Image.Resampling.LANCZOS)
    bold_path, regular_path = find_font(BOLD_FONTS), find_font(REGULAR_FONTS)
    if bold_path is None or regular_path is None:
        return _draw_wide_mark(height, palette)
    font_size = round(size * 0.42)
    bold = ImageFont.truetype(str(bold_path), font_size)
    regular = ImageFont.truetype(str(regular_path), font_size)
    first, second = NAME
    gap = round(size * 0.14)
    first_width = bold.getlength(first)
    width = size + gap + math.ceil(first_width + regular.getlength(second)) + 8
    canvas = Image.new("RGBA", (width, size), (0, 0, 0, 0))
    canvas.paste(icon, (0, 0))
    draw = ImageDraw.Draw(canvas)
    # Sit the text on a baseline that centres its capitals against the icon.
    cap_top = bold.getbbox("E", anchor="ls")[1]
    baseline = size / 2 - cap_top / 2
    draw.text((size + gap, baseline), first, font=bold, fill=palette.text, anchor="ls")
    draw.text(
        (size + gap + first_width, baseline),
        second,
        font=regular,
        fill=palette.accent_text,
        anchor="ls",
    )
    return _trim_sides(canvas)


def _draw_wide_mark(height: int, palette: Palette) -> Image.Image:
    """Draw a logo without text: the icon with circuit traces either side."""
    size = height * SUPERSAMPLE
    icon = draw_icon(height, palette).resize((size, size), Image.Resampling.LANCZOS)
    width = size * 2
    canvas = Image.new("RGBA", (width, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(canvas)
    line = max(2, size // 24)
    for i in range(3):
        y = size * (0.6 + 0.14 * i)
        for x0, x1 in ((0, size * 0.5), (size * 1.5, width)):
            draw.line([(x0, y), (x1, y)], fill=palette.house, width=line)
            dot = (x0 if x0 == 0 else x1) + (line * 2 if x0 == 0 else -line * 2)
            draw.ellipse(
                [
                    (dot - line * 1.1, y - line * 1.1),
                    (dot + line * 1.1, y + line * 1.1),
                ],
                fill=palette.house,
            )
    canvas.alpha_composite(icon, (size // 2, 0))
    return _trim_sides(canvas)


def _trim_sides(canvas: Image.Image) -> Image.Image:
    """Trim the transparent margin left and right."""
    bbox = canvas.getchannel("A").getbbox()
    if bbox is None:
        return canvas
    return canvas.crop((bbox[0], 0, bbox[2], canvas.height))


def logo_sizes(palette: Palette) -> tuple[Image.Image, Image.Image]:
    """Return logo.png and logo@2x.png, the second exactly twice the first."""
    canvas = draw_logo(LOGO_HEIGHT * 2, palette)
    width = round(canvas.width * LOGO_HEIGHT / canvas.height)
    return (
        canvas.resize((width, LOGO_HEIGHT), Image.Resampling.LANCZOS),
        canvas.resize((width * 2, LOGO_HEIGHT * 2), Image.Resampling.LANCZOS),
    )


def render_all() -> dict[str, Image.Image]:
    """Return every brand image by its file name."""
    images: dict[str, Image.Image] = {}
    for prefix, palette in (("", LIGHT), ("dark_", DARK)):
        images[f"{prefix}icon.png"] = draw_icon(ICON_SIZE, palette)
        images[f"{prefix}icon@2x.png"] = draw_icon(ICON_SIZE * 2, palette)
        logo, logo_2x = logo_sizes(palette)
        images[f"{prefix}logo.png"] = logo
        images[f"{prefix}logo@2x.png"] = logo_2x
    return images


def write_all(folder: Path = BRAND_DIR) -> list[Path]:
    """Write every brand image into `folder`, as optimized PNG; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, image in render_all().items():
        path = folder / name
        image.save(path, format="PNG", optimize=True)
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> None:
    """Regenerate the brand images and print their sizes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=BRAND_DIR, help="folder to write the images to"
    )
    args = parser.parse_args(argv)
    for path in write_all(args.out):
        with Image.open(path) as image:
            width, height = image.size
        print(f"{path.name:18} {width:4}x{height:<4} {path.stat().st_size:7} bytes")


if __name__ == "__main__":
    main()
