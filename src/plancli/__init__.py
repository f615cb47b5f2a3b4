"""plancli: structured data from Vietnamese government plan texts.

>>> import plancli
>>> record = plancli.extract("samples/langson-2019-kh23.md")
>>> record.to_dict()["source"]["format"]
'md'
"""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__", "check", "extract"]


# The subpackage plancli.extract (and the module plancli.check) holds the pipeline; its entry point is what
# ``plancli.extract`` means to users, so the function is bound over the module name.
from .extract import extract  # noqa: E402
from .check import check  # noqa: E402
