# One command for the demo, one for the tests; both set themselves up.
#   make demo   compare the seed event -> reports/irs-ice-talwani/
#   make test   run the test suite
#   make setup  create the venv and export the embedding model to ONNX (CI: setup, then test)
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed-stamp

.PHONY: demo test setup examples bench clean

demo: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/comparator compare corpora/irs-ice-talwani -o reports/irs-ice-talwani

test: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest

# setup also exports the embedding model to ONNX once (torch is needed only for
# this step), so no later run or test imports torch.
setup: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/comparator model prepare

# torch first, pinned: the CPU build lies on these machines' disk, while a plain
# "torch" requirement resolved by pip pulls a CUDA build of several GB.
$(STAMP): setup.cfg pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

examples: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/python scripts/regenerate_examples.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
