"""CAMEO and PLOVER ontologies, loaded from package data files."""
