"""Keep Hypothesis's caches out of the checkout while these tests are collected."""

from __future__ import annotations

import tempfile
from collections.abc import Generator

import pytest
from hypothesis.configuration import set_hypothesis_home_dir


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems() -> Generator[None, None, None]:
    """Hypothesis's pytest plugin caches source constants under .hypothesis/ at collection."""
    with tempfile.TemporaryDirectory(prefix="ssi-tui-hypothesis-") as home:
        set_hypothesis_home_dir(home)
        try:
            yield
        finally:
            set_hypothesis_home_dir(None)
