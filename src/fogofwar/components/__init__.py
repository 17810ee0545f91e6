"""fogofwar's spaCy components, one file each, registered as factories on import.

Add them to your own pipeline after a parser and NER, in this order:

    import fogofwar.components  # registers the factories
    for name in fogofwar.components.COMPONENT_ORDER:
        nlp.add_pipe(name)
"""

from fogofwar.components import actors, figures  # noqa: F401  (registers the factories)

# The order in which the components read each other's results.
COMPONENT_ORDER: tuple[str, ...] = ("fogofwar_actors", "fogofwar_figures")
