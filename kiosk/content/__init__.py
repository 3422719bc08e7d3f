"""Content: what the kiosk shows, read from files and checked.

Scene files, the FAQ, the playlist, the kiosk's own words and `kiosk.yaml` are read safely (every value keeps its
file:line), validated into frozen models, and gathered into a library with every problem found.
May import: the standard library, PyYAML, pydantic and Pillow (art inspection). Never pygame, and nothing else of
the kiosk's: every other layer builds on this one.
"""
