"""CAMEO and PLOVER ontologies, loaded from package data files.

``cameo.tsv`` lists the CAMEO codes (name, Goldstein value, quad class) and, on its root rows, the
behaviours the event coder gives every trigger of the root (:func:`root_has`); ``cameo_plover.tsv``
maps each code to a PLOVER type, mode and contexts. See docs/ontology.md for the formats.
"""

from .cameo import BEHAVIOURS, codes, lookup, quad_class, read_codes, root_has, root_label
from .plover import PLOVER_TYPES, cameo_for, crosswalk, for_cameo, read_crosswalk

__all__ = [
    "BEHAVIOURS",
    "PLOVER_TYPES",
    "cameo_for",
    "codes",
    "crosswalk",
    "for_cameo",
    "lookup",
    "quad_class",
    "read_codes",
    "read_crosswalk",
    "root_has",
    "root_label",
]
