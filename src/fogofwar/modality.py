"""How firmly a claim is made: asserted, reported, alleged, estimated, negated,
hypothetical or future. The words live in `lexicons/modality.yaml`."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from fogofwar import lexicons
from fogofwar.schema import Modality

ORDER: tuple[Modality, ...] = (
    "negated",
    "hypothetical",
    "future",
    "alleged",
    "reported",
    "estimated",
)


@cache
def _rules() -> dict[str, tuple[frozenset[str], tuple[str, ...], bool]]:
    data = lexicons.load("modality")
    return {
        name: (
            frozenset(data[name].get("lemmas") or ()),
            tuple(data[name].get("phrases") or ()),
            bool(data[name].get("negation_dep")),
        )
        for name in ORDER
    }


def clause_tokens(token: Token) -> list[Token]:
    """The tokens of the clause that governs `token`: its nearest verb and that verb's
    subtree, without descending into other clauses."""
    verb = token
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    result = [verb]
    for child in verb.children:
        if child.dep_ in ("ccomp", "advcl", "relcl", "conj", "parataxis"):
            continue
        result.extend(child.subtree)
    if verb.dep_ in ("xcomp", "ccomp", "advcl", "conj") and verb.head.i != verb.i:
        head = verb.head
        result.append(head)
        result.extend(c for c in head.children if c.dep_ in ("aux", "neg", "advmod"))
    return result


def modality_of(token: Token) -> Modality:
    """The modality of the claim around `token` (a number, a trigger word...)."""
    tokens = clause_tokens(token)
    lemmas = {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}
    text = " ".join(t.lower_ for t in sorted(tokens, key=lambda t: t.i))
    for name in ORDER:
        words, phrases, negation_dep = _rules()[name]
        if words & lemmas or any(p in text for p in phrases):
            return name
        if negation_dep and any(t.dep_ == "neg" for t in tokens):
            return name
    return "asserted"
