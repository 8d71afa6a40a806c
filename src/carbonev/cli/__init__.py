"""The ``carbonev`` command line (Typer): one module per command group."""
