#!/usr/bin/env python3
"""Splits the Inter 4.001 faces into the two halves the app ships in ui/fonts/.

Usage: python3 scripts/subset-fonts.py DIR
  DIR holds Inter-Regular.ttf, Inter-SemiBold.ttf, Inter-Italic.ttf and Inter-SemiBoldItalic.ttf
  from the Inter 4.001 release (https://github.com/rsms/inter, "extras/ttf"). Needs fonttools
  (`pip install fonttools`). Only for updating the faces: the build and the tests do not run it.

Each style becomes Inter-<Style>-latin.ttf (every Latin letter, including Vietnamese, with the
punctuation, currency signs, arrows and marks the UI uses) and Inter-<Style>-other.ttf (every
other character of the face: Greek, Cyrillic, symbols). style.css declares them as two families,
`Inter` then `Inter Other`: the first screen reads only the Latin half (~125 KB instead of
~325 KB per face, docs/benchmarks.md), and WebKit reads the other half the first time some text
needs a character from it. Both keep the layout features the page uses: the shaper's defaults
and tabular figures (`tnum`).
"""

import subprocess
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

STYLES = ["Regular", "SemiBold", "Italic", "SemiBoldItalic"]

# The Latin half, as inclusive code point ranges.
LATIN = [
    (0x0000, 0x024F),  # Basic Latin, Latin-1, Latin Extended-A and -B
    (0x0259, 0x0259),  # schwa
    (0x02B0, 0x036F),  # modifier letters, combining marks
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese)
    (0x2000, 0x206F),  # general punctuation: dashes, quotes, ellipsis, spaces
    (0x20A0, 0x20CF),  # currency signs
    (0x2100, 0x215F),  # letterlike symbols, number forms
    (0x2190, 0x21FF),  # arrows
    (0x2212, 0x2212),  # minus
    (0x2215, 0x2215),  # division slash
    (0x2713, 0x2713),  # check mark
    (0xFEFF, 0xFEFF),
    (0xFFFD, 0xFFFD),
]


def is_latin(code_point):
    return any(first <= code_point <= last for first, last in LATIN)


def subset(source, code_points, output):
    unicodes = ",".join(f"U+{code_point:04X}" for code_point in sorted(code_points))
    subprocess.run(
        ["pyftsubset", str(source), f"--unicodes={unicodes}", "--layout-features+=tnum",
         f"--output-file={output}"],
        check=True,
    )


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    source_dir = Path(sys.argv[1])
    fonts_dir = Path(__file__).resolve().parent.parent / "ui" / "fonts"
    for style in STYLES:
        source = source_dir / f"Inter-{style}.ttf"
        covered = TTFont(source).getBestCmap().keys()
        latin = [code_point for code_point in covered if is_latin(code_point)]
        other = [code_point for code_point in covered if not is_latin(code_point)]
        subset(source, latin, fonts_dir / f"Inter-{style}-latin.ttf")
        subset(source, other, fonts_dir / f"Inter-{style}-other.ttf")
        print(f"{style}: {len(latin)} Latin, {len(other)} other characters")


if __name__ == "__main__":
    main()
