"""File boundaries: the input gate (:mod:`carbonev.io.inputs`) every file read goes through, and
the output gate (:mod:`carbonev.io.outputs`) every file written goes through."""
