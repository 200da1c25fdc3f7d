"""Draw the app icons (a white "M" on Pico jade) with the standard library only, and write them here.

    python static/icons/make_icons.py

The PNG files are committed; this script documents how they were made and remakes them.
Shapes are polygons filled by scanlines: each pixel row is sampled on SUBROWS lines, and on each line
the exact horizontal coverage of every pixel is added up, which gives smooth (anti-aliased) edges.
"""
import math
import struct
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
JADE = (0x00, 0x7A, 0x50)  # --pico-primary of Pico's jade theme (light)
WHITE = (0xFF, 0xFF, 0xFF)
SUBROWS = 8

# The letter M in a unit box (x right, y down), one simple polygon.
M_SHAPE = [(0.0, 1.0), (0.0, 0.0), (0.22, 0.0), (0.5, 0.44), (0.78, 0.0), (1.0, 0.0), (1.0, 1.0),
           (0.79, 1.0), (0.79, 0.37), (0.5, 0.8), (0.21, 0.37), (0.21, 1.0)]


def rounded_square(size: float, radius: float, steps: int = 16) -> list[tuple[float, float]]:
    """A square of side `size` at the origin with round corners, as a polygon."""
    points = []
    corners = [(size - radius, radius, -90), (size - radius, size - radius, 0),
               (radius, size - radius, 90), (radius, radius, 180)]
    for cx, cy, start in corners:
        for i in range(steps + 1):
            angle = math.radians(start + 90 * i / steps)
            points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def coverage(polygon: list[tuple[float, float]], width: int, height: int) -> list[list[float]]:
    """Fraction (0..1) of each pixel covered by the polygon (even-odd rule)."""
    cover = [[0.0] * width for _ in range(height)]
    edges = list(zip(polygon, polygon[1:] + polygon[:1]))
    for row in range(height):
        line = cover[row]
        for sub in range(SUBROWS):
            y = row + (sub + 0.5) / SUBROWS
            xs = sorted(x0 + (y - y0) * (x1 - x0) / (y1 - y0)
                        for (x0, y0), (x1, y1) in edges if (y0 <= y < y1) or (y1 <= y < y0))
            for left, right in zip(xs[::2], xs[1::2]):
                left, right = max(left, 0.0), min(right, float(width))
                if right <= left:
                    continue
                first, last = int(left), min(int(right), width - 1)
                for col in range(first, last + 1):
                    overlap = min(right, col + 1) - max(left, col)
                    if overlap > 0:
                        line[col] += overlap / SUBROWS
    return cover


def png(width: int, height: int, rgba_rows: list[bytes]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + row for row in rgba_rows)  # filter type 0 on every row
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def icon(size: int, *, rounded: bool, glyph: float) -> bytes:
    """A jade square (round corners unless it is maskable or for iOS) with an M `glyph` × size wide."""
    background = (rounded_square(size, size * 0.18) if rounded
                  else [(0, 0), (size, 0), (size, size), (0, size)])
    side = size * glyph
    offset_x, offset_y = (size - side) / 2, (size - side * 0.9) / 2
    letter = [(offset_x + x * side, offset_y + y * side * 0.9) for x, y in M_SHAPE]
    back, front = coverage(background, size, size), coverage(letter, size, size)
    rows = []
    for y in range(size):
        row = bytearray()
        for x in range(size):
            alpha, white = min(back[y][x], 1.0), min(front[y][x], 1.0)
            row += bytes(round(j * (1 - white) + w * white) for j, w in zip(JADE, WHITE))
            row.append(round(255 * alpha))
        rows.append(bytes(row))
    return png(size, size, rows)


SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
<rect width="100" height="100" rx="18" fill="#007a50"/>
<polygon fill="#fff" points="{points}"/>
</svg>
"""


def main() -> None:
    # "any" icons have round corners; the maskable one fills the square and keeps the M inside the
    # central safe circle (radius 40 %), since the platform cuts its own shape out of it.
    (HERE / "icon-192.png").write_bytes(icon(192, rounded=True, glyph=0.56))
    (HERE / "icon-512.png").write_bytes(icon(512, rounded=True, glyph=0.56))
    (HERE / "icon-maskable-512.png").write_bytes(icon(512, rounded=False, glyph=0.44))
    (HERE / "apple-touch-icon.png").write_bytes(icon(180, rounded=False, glyph=0.5))
    side, offset_x, offset_y = 56, 22, 24.8
    points = " ".join(f"{offset_x + x * side:.1f},{offset_y + y * side * 0.9:.1f}" for x, y in M_SHAPE)
    (HERE / "favicon.svg").write_text(SVG.format(points=points))


if __name__ == "__main__":
    main()
