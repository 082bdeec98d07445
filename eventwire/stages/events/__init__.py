"""The events stage: CAMEO and PLOVER events from trigger words and the dependency parse.

    find_events(context, earlier, resources) -> list[Event]

For every word of a sentence, :mod:`.frames` picks the trigger-lexicon entry whose frame fits best
(``impose`` + ``sanctions`` + ``on``: 163; ``threaten`` + a ``to``-clause of ``attack``: 138; the lexicon
is :class:`eventwire.lexicons.triggers.Lexicon`). :mod:`.arguments` reads its sources and targets off the
parse, :mod:`.targets` decides whom an act was done to when no slot names it, :mod:`.modality` reads its
modality, :mod:`.build` makes the :class:`~eventwire.models.Event` record, and :mod:`.coder` emits one per
(source, code, target, clause). What a CAMEO root does (where its target may be, whether an unclaimed
act is an event, what of its clause is content) is read from the root's row of
``eventwire/ontology/cameo.tsv``; the open-class words the rules test are lists of
``eventwire/data/words/events.tsv``.

No event without evidence: an event needs a source actor tied to text in its own clause (directly
or through a coreference mention). A target that cannot be tied to the clause is ``None``; a group
of a country that protests, coerces or fights nobody named acts on its own country, and so does a
body of a country whose act has an object naming nobody in a passage naming no other country ("the
Chilean court rejected the appeal"). The source is never its own target ("reneged on its promise to
Peru" targets Peru).

The rules' confidence is ``entry strength × source certainty × target certainty`` (with the clause and modality
weights of :mod:`.build`): an argument found in its own slot on a word an actor mention covers has
certainty 1; reached through the grammar (a ``to``-clause, a relative clause, a light verb) 0.85; named
by a modifier of the phrase (``Iranian targets``) 0.9; a visited place standing for its country 0.85;
a missing target 0.9. By default the event check (:mod:`eventwire.learn.check`) turns that into its
probability that the whole event is right and leaves out the events under its threshold. With the learned
event model (``Resources.event_model``), :mod:`.learned` joins it with the model's opinion of the trigger word
into a calibrated probability, leaves out the events under the model's threshold and adds the events the model
proposes at words no frame matched. Last, an event whose trigger hangs below another event's trigger in the
parse is ranked under it (``coder.main_first``): the main clause's act is its sentence's most confident event.
"""

from .coder import find_events

__all__ = ["find_events"]
