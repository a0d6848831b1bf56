"""teijuu: 定住自立圏 (settlement and self-reliance sphere) plans as code.

The layers, each in a module named for it:

- :mod:`teijuu.fiscal` — fiscal years and era-labelled dates;
- :mod:`teijuu.model` — the domain model (pydantic), which knows nothing of files;
- :mod:`teijuu.yamlio`, :mod:`teijuu.loading` — reading plan files with exact positions;
- :mod:`teijuu.checks`, :mod:`teijuu.validate` — checks across documents;
- :mod:`teijuu.schemas` — the JSON Schemas;
- :mod:`teijuu.cli` — the ``teijuu`` command.
"""

__version__ = "0.1.0"
