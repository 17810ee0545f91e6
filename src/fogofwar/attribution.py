"""How a cue word connects to its speaker and its content in a dependency parse.

Functions over spaCy tokens, no state: the quotes component calls them for each cue.
Ranges are token index pairs [start, end) into the Doc.

    speaker_head(said)      "the official said"           -> official
    speaker_head(stating)   "Kirby indicated ..., stating" -> Kirby
    speaker_head(detailed)  "as detailed by Zelenskyy"     -> Zelenskyy
    content_ranges(said)    "said (that) CLAUSE"           -> CLAUSE, "that" included
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from fogofwar.cues import CueLexicon

Range = tuple[int, int]

RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
EXPLETIVES = frozenset({"it", "there"})
# Dependencies through which a participle or infinitive cue takes its head's speaker:
# "Kirby indicated ..., stating", "he went on to say", "quoted as saying".
CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp"})
# Nouns that carry somebody's words: "the ministry issued a statement saying ..." is the
# ministry speaking, not the statement.
VEHICLE_NOUNS = frozenset(
    {
        "statement",
        "letter",
        "post",
        "tweet",
        "message",
        "release",
        "communique",
        "note",
        "speech",
        "interview",
        "address",
        "briefing",
        "video",
        "broadcast",
        "report",
        "comment",
        "remark",
        "article",
        "op",
        "email",
        "conference",
        "press",
    }
)
# Quote marks, which stay at the edge of a span only when their partner is inside it.
QUOTE_CHARS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e"
OPENING_MARKS = frozenset({"\u201c", "\u2018", "\u00ab", "\u201e", '"', "''", "``"})
CLOSING_MARKS = frozenset({"\u201d", "\u2019", "\u00bb", '"', "''"})
BRACKETS = {"(": ")", "[": "]"}


def subtree_range(token: Token) -> Range:
    return token.left_edge.i, token.right_edge.i + 1


def child(token: Token, *deps: str) -> Token | None:
    """The first child of `token` with one of the dependency labels `deps`."""
    for candidate in token.children:
        if candidate.dep_ in deps:
            return candidate
    return None


def particle_of(verb: Token, lexicon: CueLexicon) -> Token | None:
    """The particle or preposition of a phrasal cue ("pointed out", "called for")."""
    for candidate in verb.children:
        key = f"{verb.lemma_.lower()} {candidate.lower_}"
        if candidate.dep_ in ("prt", "prep") and key in lexicon.phrasal:
            return candidate
    return None


def cue_extent(verb: Token, particle: Token | None) -> tuple[int, int, Token | None]:
    """The token range of a verb cue, and the verb it hangs on when that verb is part of
    the cue. Around the verb: its auxiliaries, negation and adverbs ("has also not
    said"), a governing verb it completes ("went on to say", "appeared to suggest"),
    its particle ("pointed out"), and the adjuncts that say when or where it was said
    ("said Friday", "said in a statement", "said sarcastically")."""
    doc = verb.doc
    start = _group_start(verb)
    governor = None
    head = verb.head
    if verb.dep_ == "xcomp" and head.i < verb.i and head.pos_ in ("VERB", "AUX"):
        between = range(head.i + 1, start)
        if all(doc[i].head.i == head.i and doc[i].dep_ in ("prt", "advmod") for i in between):
            start, governor = _group_start(head), head
    end = verb.i + 1
    if particle is not None and particle.i == end:
        end += 1
    for candidate in sorted(verb.children, key=lambda c: c.i):
        if candidate.i < end:
            continue
        if candidate.left_edge.i != end or not _is_circumstance(candidate):
            break
        end = candidate.right_edge.i + 1
    return start, end, governor


def _group_start(verb: Token) -> int:
    start = verb.i
    while start > 0:
        previous = verb.doc[start - 1]
        if previous.head.i != verb.i or previous.dep_ not in ("aux", "auxpass", "neg", "advmod"):
            break
        start -= 1
    return start


def _is_circumstance(token: Token) -> bool:
    """ "Friday", "sarcastically", "in an interview", "at a briefing"; not a longer
    phrase ("in an interview with ..."), which is rather the circumstances of the news."""
    if token.dep_ == "npadvmod" and token.ent_type_ in ("DATE", "TIME"):
        return True
    if token.dep_ == "advmod" and token.tag_ == "RB" and token.lower_.endswith("ly"):
        return True
    if token.dep_ == "prep" and token.lower_ in ("in", "at", "during"):
        target = child(token, "pobj")
        short = token.right_edge.i - token.i <= 3
        return short and target is not None and target.lemma_.lower() in VEHICLE_NOUNS
    return False


def speaker_head(cue: Token, avoid: Range = (0, 0)) -> Token | None:
    """The head word of whoever speaks through the verb `cue`, or None (passive with no
    agent, "it was reported", or a parse with no subject). Subjects inside `avoid` (the
    quote itself, which the parser sometimes splits) are skipped."""
    verb = cue
    for _ in range(5):
        agent = child(verb, "agent")
        if agent is not None:
            return child(agent, "pobj") or None
        subjects = [
            c
            for c in verb.children
            if c.dep_ in ("nsubj", "csubj") and not avoid[0] <= c.i < avoid[1]
        ]
        subject = min(subjects, key=lambda c: abs(c.i - cue.i)) if subjects else None
        if subject is not None:
            if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head  # "officials who pointed out" -> officials
            return None if subject.tag_ == "EX" else subject
        passive = child(verb, "nsubjpass")
        if passive is not None:
            return passive if verb.lemma_ == "quote" else None
        head = verb.head
        if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN", "PRON"):
            if head.lemma_.lower() in VEHICLE_NOUNS and head.head.i != head.i:
                verb = head.head  # "issued a statement saying"
                continue
            return head  # "estimates indicating", "officials saying"
        if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.i != head.i:
            verb = head.head  # "quoted as saying"
            continue
        if verb.dep_ in CLIMB_DEPS and head.i != verb.i:
            verb = head
            continue
        break
    return _subject_before(cue, avoid) if verb.i == cue.i else None


def _subject_before(verb: Token, avoid: Range) -> Token | None:
    """When the parser found no subject ("... the Washington Post Trump said that"),
    the name or noun right before the verb group, if it heads nothing else."""
    index = verb.i - 1
    while (
        index >= 0
        and verb.doc[index].head.i == verb.i
        and verb.doc[index].dep_ in ("aux", "neg", "advmod")
    ):
        index -= 1
    if index < 0 or avoid[0] <= index < avoid[1]:
        return None
    candidate = verb.doc[index]
    if candidate.pos_ not in ("PROPN", "NOUN", "PRON") or candidate.tag_ in ("PRP$", "WP"):
        return None
    if candidate.dep_ in ("nsubj", "nsubjpass") and candidate.head.i != verb.i:
        return None
    return candidate


def noun_phrase(head: Token, blocked: Iterable[Range], cue: Token | None = None) -> Range:
    """The phrase of `head` (its subtree), cut short before any blocked range (the cue,
    the content) so that the speaker never overlaps them. When the cue hangs below the
    head ("officials who pointed out"), the branch holding the cue is left out."""
    blocked = list(blocked)
    if cue is not None and head.is_ancestor(cue):
        for branch in head.children:
            if branch.i == cue.i or branch.is_ancestor(cue):
                blocked.append(subtree_range(branch))
    for branch in head.subtree:
        if branch.dep_ in ("relcl", "acl") and branch.i > head.i:
            comma = branch.left_edge.i - 1
            if comma > head.i and branch.doc[comma].text == ",":
                blocked.append((comma, branch.right_edge.i + 1))  # ", who ..." is not a name
    left, right = subtree_range(head)
    for start, end in blocked:
        if end <= left or start >= right:
            continue
        if end <= head.i:
            left = max(left, end)
        elif start > head.i:
            right = min(right, start)
        else:
            return head.i, head.i  # the head itself is blocked: no speaker phrase
    return trim(head.doc, left, right)


def trim(doc: Doc, start: int, end: int) -> Range:
    """Shrink a token range past spaces, punctuation and unpaired quote marks at its ends.
    Sentence-final . ! ? stay when the range ends a quote."""
    while start < end and _droppable(doc, start, start, end, leading=True):
        start += 1
    while end > start and _droppable(doc, end - 1, start, end, leading=False):
        end -= 1
    return start, end


def _droppable(doc: Doc, index: int, start: int, end: int, leading: bool) -> bool:
    token = doc[index]
    if token.is_space:
        return True
    if not token.is_punct:
        return False
    text = token.text
    partners = None
    if text in BRACKETS or text in BRACKETS.values():
        partners = {BRACKETS.get(text) or next(k for k, v in BRACKETS.items() if v == text)}
    elif any(mark in text for mark in QUOTE_CHARS):
        partners = CLOSING_MARKS if leading else OPENING_MARKS
    if partners is None:
        return True
    inside = doc[start + 1 : end] if leading else doc[start : end - 1]
    return not any(t.text in partners for t in inside)


def content_ranges(cue: Token, key: str, lexicon: CueLexicon) -> list[Range]:
    """What the verb `cue` (lexicon key `key`) reports, as token ranges: a clause, an
    object, a prepositional object or an infinitive, or for "as X said" and "X said"
    inserted mid-sentence, the clause around it. Empty when it reports nothing."""
    clause = child(cue, "ccomp") or _unmarked_clause_after(cue)
    if clause is not None and clause.i != cue.i:
        left, right = clause_range(clause, lexicon)
        return [(left, _with_coordinated_clauses(cue, clause, right, lexicon))]
    particle = particle_of(cue, lexicon)
    if particle is not None and particle.dep_ == "prep":
        target = child(particle, "pobj", "pcomp")
        if target is not None:
            return [object_range(cue, target, lexicon)]
    infinitive = child(cue, "xcomp")
    if infinitive is not None and child(infinitive, "aux") is None:
        infinitive = None
    if key in lexicon.infinitive_content and infinitive is not None:
        target = child(cue, "dobj")
        start = target.left_edge.i if target is not None and target.i < infinitive.i else None
        left, right = subtree_range(infinitive)
        return [(left if start is None else start, right)]  # "urged supporters to vote"
    target = child(cue, "dobj")
    if target is not None:
        clause = _that_clause_in(target)
        if clause is not None:
            return [subtree_range(clause)]  # "told a meeting that few people understood"
    if key in lexicon.object_content and target is not None:
        return [object_range(cue, target, lexicon)]
    prepositions = lexicon.preposition_content.get(key, frozenset())
    for candidate in cue.children:
        if candidate.dep_ == "prep" and candidate.lower_ in prepositions:
            target = child(candidate, "pobj", "pcomp")
            if target is not None and target.ent_type_ not in ("DATE", "TIME"):
                return [object_range(cue, target, lexicon, candidate)]
    mark = child(cue, "mark")
    if mark is not None and mark.lower_ == "as":
        return around(cue)
    if cue.dep_ == "parataxis" and cue.head.i != cue.i:
        return around(cue)
    return []


def _unmarked_clause_after(cue: Token) -> Token | None:
    """A clause with its own subject that the parser hung on the cue as an adverbial:
    "said after the convention [he would not accept]"."""
    for candidate in cue.children:
        if candidate.dep_ != "advcl" or candidate.i < cue.i:
            continue
        mark = child(candidate, "mark")
        if child(candidate, "nsubj", "nsubjpass") is not None and (
            mark is None or mark.lower_ in ("that", "whether", "if")
        ):
            return candidate
    return None


def _that_clause_in(noun: Token) -> Token | None:
    """A "that" clause the parser hung on an object as a relative clause although it
    has a subject of its own: "told [a meeting [that few people understood ...]]"."""
    for candidate in noun.subtree:
        if candidate.dep_ not in ("relcl", "acl") or candidate.left_edge.lower_ != "that":
            continue
        subject = child(candidate, "nsubj", "nsubjpass")
        if subject is not None and subject.lower_ != "that":
            return candidate
    return None


def _with_coordinated_clauses(cue: Token, clause: Token, right: int, lexicon: CueLexicon) -> int:
    """ "said they had misgivings, but could not bear to ...": the parser often hangs the
    second half on the cue; it is still what was said, unless it is itself a reporting
    verb ("... and added that")."""
    if clause.i < cue.i or right < clause.right_edge.i + 1:
        return right
    for candidate in sorted(cue.children, key=lambda c: c.i):
        if candidate.i < right or candidate.dep_ in ("punct", "cc"):
            continue
        if candidate.dep_ != "conj" or candidate.lemma_.lower() in lexicon.verbs:
            break
        if child(candidate, "nsubj") is not None:
            break
        right = candidate.right_edge.i + 1
    return right


def clause_range(clause: Token, lexicon: CueLexicon) -> Range:
    """A reported clause, cut before what the parser hung on it but the writer said:
    a coordinated reporting verb ("said he would order a review and warned ..."), a
    participle after a comma (", arguing that ...") or a semicolon."""
    doc = clause.doc
    left, right = subtree_range(clause)
    for candidate in clause.children:
        if candidate.i < clause.i:
            continue
        speaker_verb = candidate.dep_ == "conj" and candidate.lemma_.lower() in lexicon.verbs
        speaker_verb = speaker_verb and child(candidate, "nsubj") is None
        participle = candidate.dep_ == "advcl" and candidate.tag_ == "VBG"
        participle = participle and doc[candidate.left_edge.i - 1].text == ","
        if speaker_verb or participle:
            right = min(right, candidate.left_edge.i)
    for token in doc[clause.i : right]:
        if token.text == ";":
            right = token.i
            break
    while right > left and doc[right - 1].dep_ in ("cc", "punct"):
        right -= 1
    return left, right


# Prepositions that carry what a cue says about its object ("blamed X for Y", "cited X
# as Z"), unlike time and place adjuncts ("in a statement", "during the debate").
PREDICATE_PREPOSITIONS = frozenset({"as", "for", "of", "about", "against", "to", "with", "over"})


def object_range(
    cue: Token, target: Token, lexicon: CueLexicon, after: Token | None = None
) -> Range:
    """An object with what the cue goes on to say about it: "called the charges
    unfounded", "cited the remarks as examples of ...", "X and Y". Time and place
    adjuncts, clauses after a comma and coordinated reporting verbs are left out."""
    left, right = subtree_range(target)
    floor = (after or target).i
    for candidate in sorted(cue.children, key=lambda c: c.i):
        if candidate.i <= floor:
            continue
        dep = candidate.dep_
        if dep in ("punct", "cc"):
            continue
        keep = dep in ("oprd", "xcomp", "ccomp", "dobj") or (
            dep == "prep" and candidate.lower_ in PREDICATE_PREPOSITIONS
        )
        if dep == "conj":
            keep = not (
                candidate.pos_ == "VERB"
                and (
                    candidate.lemma_.lower() in lexicon.verbs
                    or child(candidate, "nsubj") is not None
                )
            )
        if not keep:
            break
        right = max(right, candidate.right_edge.i + 1)
    return left, _without_trailing_aside(cue.doc, left, right)


def _without_trailing_aside(doc: Doc, left: int, right: int) -> int:
    """Cut a relative clause set off by a comma at the end of a phrase ("the barriers
    between the troops, which has led to incidents"): the writer's aside, not the
    speaker's words."""
    for token in doc[left:right]:
        if token.dep_ == "relcl" and token.right_edge.i + 1 >= right:
            comma = token.left_edge.i - 1
            if comma > left and doc[comma].text == ",":
                return comma
    return right


def around(cue: Token) -> list[Range]:
    """The phrase or clause the cue's head spans, minus the cue's own subtree: the content
    of "as detailed by X" and of "the troops, the official said, are exhausted"."""
    head = cue.head
    left, right = subtree_range(head)
    inner_left, inner_right = subtree_range(cue)
    pieces = [(left, inner_left), (inner_right, right)]
    return [r for r in (trim(cue.doc, s, e) for s, e in pieces) if r[1] > r[0]]


def passive_content(cue: Token) -> list[Range]:
    """ "Over 1,000 soldiers are estimated to have died": subject and infinitive.
    "The deaths were confirmed": the subject alone. Empty if the cue is not passive."""
    subject = child(cue, "nsubjpass")
    if subject is None or child(cue, "auxpass") is None:
        return []
    if subject.lower_ in EXPLETIVES:
        clause = child(cue, "ccomp")
        return [subtree_range(clause)] if clause is not None else []
    infinitive = child(cue, "xcomp")
    if infinitive is None and (subject.pos_ in ("PRON", "DET") or subject.tag_ == "WDT"):
        return []  # "This was echoed": the subject says nothing by itself
    ranges = [subtree_range(subject)]
    if infinitive is not None:
        ranges.append(subtree_range(infinitive))
    return ranges


def adverb_content(adverb: Token) -> list[Range]:
    """ "troops who have reportedly been deployed": the clause the adverb qualifies (for a
    relative clause, the noun phrase it belongs to), minus the adverb itself."""
    verb = adverb.head
    scope = verb.head if verb.dep_ == "relcl" and verb.head.i != verb.i else verb
    left, right = subtree_range(scope)
    pieces = [(left, adverb.i), (adverb.i + 1, right)]
    return [r for r in (trim(adverb.doc, s, e) for s, e in pieces) if r[1] > r[0]]


def nominal_content(noun: Token) -> list[Range]:
    """ "reports that 20 died", "claims of soldiers committing suicide": the clause or
    event the noun reports; empty for a plain noun ("the report was long")."""
    for candidate in noun.children:
        mark = child(candidate, "mark")
        if candidate.dep_ in ("acl", "ccomp") and mark is not None and mark.lower_ == "that":
            return [subtree_range(candidate)]
        if candidate.dep_ == "prep" and candidate.lower_ == "of":
            target = child(candidate, "pobj", "pcomp")
            if target is not None and _is_eventive(target):
                return [subtree_range(target)]
    return []


def _is_eventive(token: Token) -> bool:
    """A noun phrase that states something happened: a gerund or a noun with a participle
    attached ("soldiers committing suicide", "civilians killed")."""
    if token.tag_ == "VBG":
        return True
    return any(c.dep_ == "acl" and c.tag_ in ("VBG", "VBN") for c in token.children)


def nominal_speaker(noun: Token) -> Token | None:
    """ "Russia's claims", "claims by Moscow": who made the nominal statement."""
    owner = child(noun, "poss")
    if owner is not None:
        return owner
    for candidate in noun.children:
        if candidate.dep_ == "prep" and candidate.lower_ == "by":
            return child(candidate, "pobj")
    return None
