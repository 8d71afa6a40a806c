"""Compatibility names: the input gate is :mod:`carbonev.io.inputs`, the output gate
:mod:`carbonev.io.outputs`. New code imports from those."""

from carbonev.io.inputs import (
    first_error,
    key_path,
    load,
    read_bytes,
    read_data,
    read_mapping,
    read_text,
    sha256_file,
    validate,
)
from carbonev.io.outputs import atomic_path, require_folder, write_atomic, write_bytes_atomic

__all__ = ["atomic_path", "first_error", "key_path", "load", "read_bytes", "read_data", "read_mapping", "read_text",
           "require_folder", "sha256_file", "validate", "write_atomic", "write_bytes_atomic"]
