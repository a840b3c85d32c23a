"""Every error comparator raises on purpose, with a short code.

Messages say what went wrong, where (file, line) and how to fix it. Only the
CLI turns these into exit codes (all of them exit 2: bad input or usage).
"""

from __future__ import annotations


class ComparatorError(Exception):
    """Base class: ``code`` is a short stable id, ``path``/``line`` say where."""

    code = "E000"

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 hint: str | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        text = f"[{self.code}] {where}{self.message}"
        if self.hint:
            text += f" {self.hint}"
        return text


class InputError(ComparatorError):
    """A file or record the user gave us cannot be used."""

    code = "E100"


class MissingPathError(InputError):
    code = "E101"


class EmptyInputError(InputError):
    code = "E102"


class BinaryInputError(InputError):
    code = "E103"


class EncodingError(InputError):
    code = "E104"


class UnsupportedFormatError(InputError):
    code = "E105"


class MalformedRecordError(InputError):
    code = "E106"


class TooLargeError(InputError):
    code = "E107"


class FetchError(InputError):
    """A URL given as input could not be fetched (network, HTTP status, size)."""

    code = "E120"


class NotEnoughArticlesError(InputError):
    code = "E110"


class IdenticalArticlesError(InputError):
    code = "E111"


class ModelError(ComparatorError):
    """The embedding or NLP model cannot be loaded or does not match its pin."""

    code = "E200"


class ConfigError(ComparatorError):
    """A setting, lexicon or configuration file is invalid."""

    code = "E300"


class OutputError(ComparatorError):
    """A report cannot be written where asked."""

    code = "E400"
