"""The actors stage: every actor of an article with its CAMEO-style code and all its mentions.

    mentions (names, titles, demonyms, capitals, bodies) ─► coreference ─► one Actor per referent

Modules, in the order an article goes through them:

* :mod:`.mentions` — the :class:`~.mentions.Mention` record and dictionary matching;
* :mod:`.persons` with :mod:`.titles` — people with the titles and appositions around their names;
* :mod:`.named` — states, demonyms, capitals and institutions; :mod:`.placenames` — when a name is a place;
* :mod:`.bodies` — peoples, bodies, groups and descriptions qualified by a country;
* :mod:`.coreference` (:mod:`.surnames`, :mod:`.descriptions`, :mod:`.pronouns`) — what each mention refers to;
* :mod:`.stage` — :func:`find_actors`, one :class:`~eventwire.models.Actor` per referent;
* :mod:`.index` — the :class:`~.index.ActorIndex` later stages ask; :mod:`.locate` — the gazetteer's countries.
"""

from .stage import find_actors

__all__ = ["find_actors"]
