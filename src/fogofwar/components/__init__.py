"""fogofwar's spaCy components, one file each, registered as factories on import.

Add them to your own pipeline after a parser and NER, in this order, and the ones in
BEFORE_PARSER before the parser:

    import fogofwar.components  # registers the factories
    for name in fogofwar.components.BEFORE_PARSER:
        nlp.add_pipe(name, before="parser")
    for name in fogofwar.components.COMPONENT_ORDER:
        nlp.add_pipe(name)
"""

from fogofwar.components import (  # noqa: F401  (importing registers the factories)
    actors,
    events,
    figures,
    paragraphs,
    places,
    quotes,
)

# Components that must run before the parser, which reads what they set.
BEFORE_PARSER: tuple[str, ...] = ("fogofwar_paragraphs",)

# The order in which the components read each other's results.
COMPONENT_ORDER: tuple[str, ...] = (
    "fogofwar_actors",
    "fogofwar_quotes",
    "fogofwar_places",
    "fogofwar_figures",
    "fogofwar_events",
)
