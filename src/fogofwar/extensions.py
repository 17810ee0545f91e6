"""The Doc extensions where fogofwar's components leave their results.

Each component reads what the components before it wrote and adds its own list of
schema records (character offsets, ids local to the document):

    doc._.published  str | None      publication date (ISO), set by the caller
    doc._.actors     list[Actor]     fogofwar_actors
    doc._.quotes     list[Quote]     fogofwar_quotes
    doc._.figures    list[Figure]    fogofwar_figures
    doc._.places     list[Place]     fogofwar_places
    doc._.events     list[Event]     fogofwar_events
"""

from __future__ import annotations

from spacy.tokens import Doc

DOC_EXTENSIONS: tuple[str, ...] = ("actors", "quotes", "figures", "places", "events")


def register() -> None:
    """Register the extensions once; safe to call from every component factory."""
    if not Doc.has_extension("published"):
        Doc.set_extension("published", default=None)
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            # A getter-free default must not be a shared mutable list, so each Doc
            # starts with None and components assign a fresh list.
            Doc.set_extension(name, default=None)


register()
