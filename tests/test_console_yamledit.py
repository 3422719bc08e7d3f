"""Changing one value in a YAML file keeps the rest of the file, comments included, as the person wrote it."""

from __future__ import annotations

import pytest
import yaml

from kiosk.console.yamledit import EditError, set_value

CONFIG = """\
# The kiosk's settings.
clinic:                   # an EXAMPLE clinic
  name: "Your Clinic Name"
  phone: "(555) 010-0199"   # the front desk

staff:
  lock_seconds: 60
"""


def test_a_changed_value_keeps_every_other_line_and_comment() -> None:
    # Given a settings file with comments
    # When the phone number is changed
    text = set_value(CONFIG, ("clinic", "phone"), "(555) 222-3333")
    # Then only that value changed, and its trailing comment stayed
    before, after = CONFIG.splitlines(), text.splitlines()
    assert [i for i, (a, b) in enumerate(zip(before, after)) if a != b] == [3]
    assert after[3] == '  phone: "(555) 222-3333"   # the front desk'


def test_a_value_with_a_colon_and_hash_reads_back_as_written() -> None:
    # Given text that unquoted would break YAML (the colon that reset a live kiosk)
    value = 'Call: 555 #2 "front"'
    # When it is written and the file read again
    data = yaml.safe_load(set_value(CONFIG, ("clinic", "name"), value))
    # Then the value is exactly the text
    assert data["clinic"]["name"] == value


def test_a_missing_key_is_added_inside_its_section() -> None:
    # Given a file without clinic.url
    # When it is set
    data = yaml.safe_load(set_value(CONFIG, ("clinic", "url"), "https://example.org"))
    # Then it sits in the clinic section and nothing else moved
    assert data["clinic"] == {"name": "Your Clinic Name", "phone": "(555) 010-0199", "url": "https://example.org"}
    assert data["staff"] == {"lock_seconds": 60}


def test_a_missing_section_is_added_at_the_end() -> None:
    # Given a file without a console section
    # When a console value is set
    data = yaml.safe_load(set_value(CONFIG, ("console", "port"), 8470))
    # Then the section exists with that value
    assert data["console"] == {"port": 8470}


def test_a_key_added_to_a_flow_mapping_keeps_the_others() -> None:
    # Given a caption written on one line
    text = 'steps:\n  - text:\n      kids: {en: "Hi"}\n'
    # When its Spanish is added
    data = yaml.safe_load(set_value(text, ("steps", 0, "text", "kids", "es"), "Hola"))
    # Then both languages are there
    assert data["steps"][0]["text"]["kids"] == {"en": "Hi", "es": "Hola"}


def test_a_key_cannot_be_added_under_a_plain_value() -> None:
    # Given a value that is text, not a list of keys
    # When a key is added under it
    # Then the edit is refused in words
    with pytest.raises(EditError):
        set_value("name: plain\n", ("name", "inner"), "x")
