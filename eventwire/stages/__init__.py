"""Pipeline stages: each takes a spaCy ``Doc`` (and earlier records) and returns records."""
