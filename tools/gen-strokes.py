#!/usr/bin/env python3
"""Writes crates/core/src/strokes.bin: one byte per code point U+4E00..U+9FFF (the CJK Unified
Ideographs block, which holds every character of GB 2312 and nearly all given-name characters),
the total stroke count from Unihan's kTotalStrokes (first value: the form used in mainland
China), 0 where Unihan has none.

Source: Debian's `unicode-data` package (Unicode 15.0), /usr/share/unicode/Unihan_IRGSources.txt.bz2.
Run: apt-get install unicode-data && python3 tools/gen-strokes.py
"""
import bz2, pathlib

FIRST, LAST = 0x4E00, 0x9FFF
table = bytearray(LAST - FIRST + 1)
with bz2.open("/usr/share/unicode/Unihan_IRGSources.txt.bz2", "rt", encoding="utf-8") as f:
    for line in f:
        if "\tkTotalStrokes\t" not in line:
            continue
        code, _, value = line.rstrip("\n").split("\t")
        cp = int(code[2:], 16)
        if FIRST <= cp <= LAST:
            table[cp - FIRST] = min(int(value.split()[0]), 255)
out = pathlib.Path(__file__).resolve().parent.parent / "crates/core/src/strokes.bin"
out.write_bytes(bytes(table))
print(f"{out}: {len(table)} bytes, {sum(1 for b in table if b)} characters with a count")
