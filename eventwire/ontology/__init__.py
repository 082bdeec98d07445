"""CAMEO and PLOVER ontologies, loaded from package data files.

``cameo.tsv`` lists the CAMEO codes (name, Goldstein value, quad class); ``cameo_plover.tsv``
maps each to a PLOVER type, mode and contexts. See docs/ontology.md for the formats.
"""

from .cameo import codes, lookup, quad_class, read_codes, root_label
from .plover import PLOVER_TYPES, cameo_for, crosswalk, for_cameo, read_crosswalk

__all__ = [
    "PLOVER_TYPES",
    "cameo_for",
    "codes",
    "crosswalk",
    "for_cameo",
    "lookup",
    "quad_class",
    "read_codes",
    "read_crosswalk",
    "root_label",
]
