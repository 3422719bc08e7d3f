"""Print the readability of every shipped scene, per audience and language (the numbers the content tests hold).

    python tests/readability_table.py

English: Flesch-Kincaid grade (kids <= 2.5, parents <= 6.5). Spanish: Fernández-Huerta reading ease with our own
syllable counter (kids >= 80, parents >= 70). Steps are read as the audience sees them, as in the tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from readability import flesch_kincaid_grade  # noqa: E402
from readability_es import fernandez_huerta  # noqa: E402
from test_content import SCENE_ORDER, faq, kids_texts, parents_texts, scene  # noqa: E402


def main() -> None:
    print("| scene | kids EN FK | kids ES FH | parents EN FK | parents ES FH |")
    print("|---|---|---|---|---|")
    for scene_id in SCENE_ORDER:
        sc = scene(scene_id)
        print(f"| {scene_id} | {flesch_kincaid_grade(kids_texts(sc, 'en')):.1f} | "
              f"{fernandez_huerta(kids_texts(sc, 'es')):.1f} | {flesch_kincaid_grade(parents_texts(sc, 'en')):.1f} | "
              f"{fernandez_huerta(parents_texts(sc, 'es')):.1f} |")
    answers = faq().questions
    print(f"| FAQ answers | | | {flesch_kincaid_grade(' '.join(q.answer['en'] for q in answers)):.1f} | "
          f"{fernandez_huerta(' '.join(q.answer['es'] for q in answers)):.1f} |")


if __name__ == "__main__":
    main()
