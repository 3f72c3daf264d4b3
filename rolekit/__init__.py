"""rolekit: where the CEO and COO roles overlap and where they differ, as data and charts.

>>> import rolekit
>>> df = rolekit.load_responsibilities()
>>> df["role"].value_counts().sort_index().to_dict()
{'CEO': 39, 'COO': 46}
"""

from .io import bundled, load_responsibilities, load_roles, load_sources, load_themes, tidy
from .validate import DataError

__all__ = ["DataError", "bundled", "load_responsibilities", "load_roles", "load_sources", "load_themes", "tidy"]
