"""drafter.yaml: settings read from the workspace, and one-line errors for bad ones."""

from pathlib import Path

import pytest

from drafter.config import Config, load_config
from drafter.errors import DrafterError
from tests.conftest import WriteTree


def test_no_file_means_the_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path) == Config()


def test_settings_are_read_and_folders_are_relative_to_the_workspace(write_tree: WriteTree) -> None:
    root = write_tree({"drafter.yaml": "facts: kb\nmax_words: 300\nauthor: PQ team\n"})
    config = load_config(root)
    assert (config.facts, config.max_words, config.author) == (root / "kb", 300, "PQ team")
    assert config.templates == Path("templates")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "max_words: five hundred\n",
            "setting 'max_words' must be a whole number, not 'five hundred'",
        ),
        ("facts:\n", "setting 'facts' must be a folder, not None"),
        ("author: [a, b]\n", "setting 'author' must be text, not ['a', 'b']"),
        ("fact: kb\n", "unknown setting 'fact' (known: "),
        ("facts: [\n", "invalid YAML"),
    ],
    ids=["number", "empty-folder", "text", "unknown", "yaml"],
)
def test_bad_settings_name_the_file(write_tree: WriteTree, text: str, message: str) -> None:
    root = write_tree({"drafter.yaml": text})
    with pytest.raises(DrafterError) as caught:
        load_config(root)
    assert str(caught.value).startswith(f"{root / 'drafter.yaml'}")
    assert message in str(caught.value)


def test_a_character_replaced_in_a_setting_is_not_an_error(tmp_path: Path) -> None:
    (tmp_path / "drafter.yaml").write_bytes(b"author: Jo\x01 Bloggs\n")
    assert load_config(tmp_path).author == "Jo Bloggs"
