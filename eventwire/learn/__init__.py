"""The learned event model: candidate words and their features (:mod:`.features`), labelled examples from
hand-coded articles (:mod:`.dataset`), and the model at run time (:mod:`.model`). Training lives in
``train/fit_events.py`` (``make train``)."""
