#!/usr/bin/env python3
"""Draws build/icon.png, the packages' NuGet icon: a clock face (the SLA clocks) on a rounded square.

Standard library only, so anyone can regenerate it: `python3 build/make-icon.py`. The output is
byte-for-byte the same on every run (no timestamps in the PNG), so a regenerated icon shows no diff
unless the drawing changed.
"""
import math
import struct
import zlib
from pathlib import Path

SIZE = 128           # NuGet shows icons at up to 128x128
SAMPLES = 4          # supersampling per axis, for smooth edges
BACKGROUND = (17, 94, 89)      # deep teal
FACE = (240, 253, 250)         # near white
HANDS = (17, 94, 89)
ACCENT = (245, 158, 11)        # amber: the SLA warning threshold


def inside_rounded_square(x, y, radius=24.0):
    cx = min(max(x, radius), SIZE - radius)
    cy = min(max(y, radius), SIZE - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2


def distance_to_segment(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def color_at(x, y):
    """The colour of one sample point, or None where the icon is transparent."""
    if not inside_rounded_square(x, y):
        return None
    c = SIZE / 2
    r = math.hypot(x - c, y - c)
    angle = (math.degrees(math.atan2(x - c, c - y)) + 360) % 360  # 0 at twelve o'clock, clockwise
    if 40 <= r <= 48 and 270 <= angle <= 360:
        return ACCENT                                             # the last quarter: the warning arc
    if r > 44:
        return BACKGROUND
    hour = distance_to_segment(x, y, c, c, c + 18 * math.sin(math.radians(120)), c - 18 * math.cos(math.radians(120)))
    minute = distance_to_segment(x, y, c, c, c, c - 30)
    if hour <= 4 or minute <= 3 or r <= 6:
        return HANDS
    for tick in range(12):
        a = math.radians(tick * 30)
        if distance_to_segment(x, y, c + 34 * math.sin(a), c - 34 * math.cos(a), c + 40 * math.sin(a), c - 40 * math.cos(a)) <= 1.6:
            return HANDS
    return FACE


def render():
    rows = []
    for py in range(SIZE):
        row = bytearray([0])  # filter type: none
        for px in range(SIZE):
            total = [0, 0, 0]
            covered = 0
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    color = color_at(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES)
                    if color is not None:
                        covered += 1
                        for i in range(3):
                            total[i] += color[i]
            alpha = round(255 * covered / SAMPLES ** 2)
            rgb = [round(t / covered) if covered else 0 for t in total]
            row.extend(rgb + [alpha])
        rows.append(bytes(row))
    return b"".join(rows)


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def main():
    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)  # 8-bit RGBA
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(render(), 9)) + chunk(b"IEND", b"")
    out = Path(__file__).resolve().parent / "icon.png"
    out.write_bytes(png)
    print(f"wrote {out} ({SIZE}x{SIZE}, {len(png)} bytes)")


if __name__ == "__main__":
    main()
