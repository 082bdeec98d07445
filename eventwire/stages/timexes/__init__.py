"""Time expressions: the word lexicon, calendar arithmetic and the recognise-and-normalise rules.

``eventwire.stages.time`` is the stage; these modules hold its parts:

    lexicon.py    words of time (months, weekdays, numbers, units) read from data/time_words.tsv
    calendar.py   pure date arithmetic against a reference date and a tense
    resolvers.py  one resolver per kind of expression: regex match + context -> TimeML (type, value)
    rules.py      the rule table (regex, resolver, check on the surroundings); ``scan`` and ``normalise``
"""
