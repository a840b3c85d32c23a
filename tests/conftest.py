"""Shared fixtures: the seed corpus, a small fake encoder, and the real seed comparison."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "corpora" / "irs-ice-talwani"


class FakeEncoder:
    """Hashing bag-of-words encoder: fast, deterministic, no model. For unit tests only."""

    name = "fake-hashing-encoder"
    sha256 = "0" * 64
    dim = 256

    def encode(self, texts):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for tok in re.findall(r"\w+", text.lower()):
                h = int(hashlib.md5(tok.encode()).hexdigest(), 16)
                out[i, h % self.dim] += 1.0
            norm = np.linalg.norm(out[i])
            if norm:
                out[i] /= norm
        return out


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    return SEED_DIR


@pytest.fixture()
def fake_encoder() -> FakeEncoder:
    return FakeEncoder()


@pytest.fixture(scope="session")
def seed_comparison(tmp_path_factory):
    """The seed event compared with the real model and spaCy (cache in a temp folder)."""
    import comparator

    cache = tmp_path_factory.mktemp("cache")
    return comparator.compare([SEED_DIR], cache_dir=str(cache))


def claim_containing(comp, outlet_substring: str, text: str):
    """The claim of the outlet whose text contains ``text`` (fails loudly if absent)."""
    for c in comp.claims:
        if text in c.text and outlet_substring.lower() in comp.article(c.article).outlet.lower():
            return c
    raise AssertionError(f"no claim of {outlet_substring!r} contains {text!r}")
