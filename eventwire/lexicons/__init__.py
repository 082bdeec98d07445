"""The lexicons layer: every data file eventwire reads, through one table reader.

:mod:`.tables` reads tab-separated tables (comments, header, line numbers in errors); :mod:`.words` serves
the open-class word lists of ``eventwire/data/words/``. :class:`eventwire.resources.Resources` loads and
checks all of them once per process and is handed to the pipeline.
"""

from .tables import Row, TableError, rows, split_cell, table
from .words import check_words, ordered_words, word_groups, word_values, words

__all__ = ["Row", "TableError", "check_words", "ordered_words", "rows", "split_cell", "table", "word_groups",
           "word_values", "words"]
