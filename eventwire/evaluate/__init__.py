"""Measure eventwire against public gold data sets (see ``eventwire evaluate``)."""
