"""fogofwar_events: who did what to whom, where and when, one record per event mention.

Reads:  tokens, the dependency parse, sentences, doc.ents (DATE), doc._.published,
        doc._.actors, doc._.quotes, doc._.figures, doc._.places.
Writes: doc._.events, a list of `schema.Event`, ids "e1", "e2"... in text order; and
        `fighting_for` on the armed forces in doc._.actors that fight for another state
        ("North Korean troops fighting for Russia").

Triggers come from `lexicons/events.yaml` (one precompiled Matcher): each gives a war
category, a PLOVER type and mode. The trigger's grammatical subject and object (or, for a
noun, its possessor and "of"/"by"/"against" phrases) become actors, recipients or victims
as the category says; pronouns "they/them/their" go to the last group or force named.
Each event gets the source of its trigger (the quote around it, else the outlet), its
modality, the first date and the likeliest place of its clause or sentence, and the
figures of its clause. See docs/events.md.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from fogofwar import extensions, lexicons
from fogofwar.components.actors import actor_at
from fogofwar.countries import country_of
from fogofwar.dates import resolve_date
from fogofwar.modality import modality_of
from fogofwar.schema import Event, EventDate
from fogofwar.schema import Span as TextSpan
from fogofwar.sources import quote_at, source_at
from fogofwar.triggers import NOUN_TAGS, VERB_TAGS, Trigger, build_matcher, find_triggers, lexicon

CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "conj", "relcl", "acl", "xcomp", "parataxis", "pcomp"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
PLURAL_PRONOUNS = {"they", "them", "their", "themselves", "theirs"}
PREPOSITION_ROLES = {
    "against": "against", "on": "against", "at": "against", "upon": "against",
    "with": "with", "between": "with", "alongside": "with", "among": "with",
    "to": "to", "into": "to", "toward": "to", "towards": "to",
    "from": "from", "by": "subject", "of": "of",
}  # fmt: skip
# Verbs whose subject suffers a noun event ("troops faced casualties") or makes it
# ("soldiers committing suicide", "Russia launched an offensive").
SUFFER_VERBS = {"suffer", "face", "sustain", "endure", "incur", "take"}
DO_VERBS = {"commit", "launch", "carry", "conduct", "stage", "mount", "hold", "have", "make"}
LOCATIVE_PREPOSITIONS = {"in", "near", "at", "around", "outside", "inside", "across", "into"}
SYMMETRIC = {"meeting", "cooperation", "agreement"}
VICTIM_OF = {"casualties", "capture", "suicide", "release"}
PLACE_RANK = {"exact": 0, "admin2": 1, "admin1": 2, "region": 3, "country": 4, "unknown": 5}


class EventFinder:
    """Builds the events of one Doc."""

    def __init__(self, doc: Doc, matcher: Matcher, military_nouns: frozenset[str]) -> None:
        self.doc = doc
        self.matcher = matcher
        self.military_nouns = military_nouns
        self.negators = frozenset(lexicon().get("negators") or ())
        self.dates: dict[int, EventDate] = {}
        self._sentences: list[Span] | None = None
        self.actor_kinds = {a.id: a.kind for a in doc._.actors or []}
        self.mentions = sorted(
            (m.start, m.end, a.id, a.kind) for a in doc._.actors or [] for m in a.mentions
        )

    def run(self) -> list[Event]:
        triggers = find_triggers(self.doc, self.matcher)
        self._proxy_forces([t.head for t in triggers])
        drafts: dict[int, dict] = {}  # by the trigger head's token index
        for trigger in triggers:
            draft = self._draft(trigger, drafts)
            if draft is not None:
                drafts[trigger.head.i] = draft
        ordered = _merge_same_sentence(sorted(drafts.values(), key=lambda d: d["trigger"].start))
        return [Event(id=f"e{n}", **self._finish(d)) for n, d in enumerate(ordered, start=1)]

    # -- one trigger ----------------------------------------------------------------------
    def _draft(self, trigger: Trigger, drafts: dict[int, dict]) -> dict | None:
        head, category = trigger.head, trigger.category
        in_quote = quote_at(self.doc, trigger.span.start_char, trigger.span.end_char)
        lemma = trigger.span.root.lemma_.lower()
        quoted_only = trigger.span.text.lower() in category.quoted or lemma in category.quoted
        if quoted_only and in_quote is None:
            return None
        roles = self._grammar(head, trigger)
        if lemma in category.military_only and not self._military(roles, head):
            return None
        earlier = (
            drafts.get(head.head.i) if head.dep_ in ("conj", "xcomp", "advcl", "acl") else None
        )
        if earlier is not None and earlier["category"] == category.name and head.dep_ == "conj":
            return None  # "killed or injured": one event
        actors, recipients, victims = self._roles(trigger, roles, in_quote)
        if earlier is not None and category.name == "aid" and earlier["category"] == "deployment":
            _extend(earlier["recipients"], recipients or actors)  # "deployed to aid Russia"
            return None
        return {
            "category": category.name,
            "plover": category.plover,
            "mode": trigger.mode,
            "trigger": trigger.span,
            "head": head,
            "actors": actors,
            "recipients": [r for r in recipients if r not in actors or category.name in SYMMETRIC],
            "victims": victims,
        }

    def _finish(self, draft: dict) -> dict:
        trigger: Span = draft["trigger"]
        head: Token = draft["head"]
        sentence = trigger.sent
        scope = self._scope(head)
        modality = _modality(head)
        if self._negated(head):
            modality = "negated"
        return {
            "plover": draft["plover"],
            "mode": draft["mode"],
            "category": draft["category"],
            "actors": draft["actors"],
            "recipients": [r for r in draft["recipients"] if r not in draft["actors"]]
            if draft["category"] not in SYMMETRIC
            else draft["recipients"],
            "victims": draft["victims"],
            "place": self._place(scope, sentence),
            "date": self._date(scope, future=modality == "future"),
            "figures": self._figures(scope, sentence),
            "source": source_at(self.doc, trigger.start_char, trigger.end_char),
            "modality": modality,
            "evidence": _text_span(self.doc, sentence.start_char, sentence.end_char),
            "trigger": _text_span(self.doc, trigger.start_char, trigger.end_char),
        }

    # -- grammar ----------------------------------------------------------------------------
    def _grammar(self, head: Token, trigger: Trigger) -> dict[str, list[Token]]:
        """The trigger's arguments by grammatical role: subject, object, of, against..."""
        roles: dict[str, list[Token]] = {}

        def add(role: str, token: Token) -> None:
            roles.setdefault(role, []).append(token)

        for child in head.children:
            if child.dep_ in ("nsubj", "csubj"):
                add("subject", child)
            elif child.dep_ in ("nsubjpass", "csubjpass", "dobj", "obj", "dative"):
                if child.i not in range(trigger.span.start, trigger.span.end):
                    add("object", child)
            elif child.dep_ == "agent":
                for pobj in child.children:
                    add("subject", pobj)
            elif child.dep_ == "poss" or (
                child.dep_ in ("amod", "compound") and country_of(child.text)
            ):
                add("poss", child)  # "their deployment", "Russian strikes"
            elif child.dep_ == "prep" and child.lower_ in PREPOSITION_ROLES:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        add(PREPOSITION_ROLES[child.lower_], pobj)
        if head.pos_ in VERB_TAGS:
            self._inherit(head, roles)
        elif head.pos_ in NOUN_TAGS:
            self._governing_verb(head, roles)
        return roles

    def _inherit(self, verb: Token, roles: dict[str, list[Token]]) -> None:
        """Arguments a verb shares with the word it hangs on."""
        parent = verb.head
        own_subject = "subject" in roles
        if not own_subject and verb.dep_ in ("xcomp", "advcl", "conj") and parent is not verb:
            for child in parent.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    roles.setdefault("subject", []).append(child)
            if "subject" not in roles and parent.dep_ in ("acl", "relcl"):
                roles.setdefault("subject", []).append(parent.head)
        if verb.dep_ in ("acl", "relcl") and parent.pos_ in NOUN_TAGS:
            role = "object" if _passive(verb) else "subject"
            kept = [t for t in roles.get(role, []) if t.lower_ not in RELATIVE_PRONOUNS]
            roles[role] = [parent, *kept]
        elif verb.dep_ in ("advcl", "xcomp") and _passive(verb) and not own_subject:
            roles["object"] = roles.pop("subject", [])  # "they fear ... if captured"

    def _governing_verb(self, noun: Token, roles: dict[str, list[Token]]) -> None:
        """'soldiers committing suicide', 'troops faced casualties': the verb's subject."""
        verb = noun.head
        if noun.dep_ not in ("dobj", "obj", "attr") or verb.pos_ not in VERB_TAGS:
            return
        lemma = verb.lemma_.lower()
        if lemma not in SUFFER_VERBS | DO_VERBS:
            return
        doers = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not doers and verb.dep_ in ("acl", "relcl"):
            doers = [verb.head]
        roles.setdefault("sufferer" if lemma in SUFFER_VERBS else "subject", []).extend(doers)
        for prep in verb.children:  # "held talks with X", "launched an attack on X"
            role = PREPOSITION_ROLES.get(prep.lower_) if prep.dep_ == "prep" else None
            if role in ("against", "with", "to"):
                roles.setdefault(role, []).extend(c for c in prep.children if c.dep_ == "pobj")

    def _roles(self, trigger: Trigger, roles: dict[str, list[Token]], quote) -> tuple:
        category, head = trigger.category, trigger.head
        actors: list[str] = []
        recipients: list[str] = []
        victims: list[str] = []
        targets = {"actors": actors, "recipients": recipients, "victims": victims}
        subject_role = category.subject
        if head.lemma_.lower() in category.intransitive_victims:
            subject_role = "victims"
        _extend(targets[subject_role], self._actors_of(roles.get("subject", [])))
        _extend(targets[category.object], self._actors_of(roles.get("object", [])))
        possessors = self._actors_of(roles.get("poss", []))
        _extend(victims if category.name in VICTIM_OF else targets[subject_role], possessors)
        _extend(
            victims if category.name in VICTIM_OF else targets[category.object],
            self._actors_of(roles.get("of", [])),
        )
        _extend(victims, self._actors_of(roles.get("sufferer", [])))
        _extend(recipients, self._actors_of(roles.get("against", [])))
        _extend(recipients, self._actors_of(roles.get("with", [])))
        _extend(recipients, self._actors_of(roles.get("to", [])))
        if not actors:
            _extend(actors, self._actors_of(roles.get("from", [])))
        if category.name == "friendly_fire":
            forces = self._forces_in(trigger.span.sent)
            _extend(actors, forces)
            _extend(victims, forces)
        if category.quoted and quote is not None and quote.speaker_actor and not actors:
            actors.append(quote.speaker_actor)
        if category.name in SYMMETRIC:  # "ties between North Korea and Russia"
            if not actors and recipients:
                actors.append(recipients.pop(0))
            if len(actors) > 1 and not recipients:
                recipients.extend(actors[1:])
                del actors[1:]
        return actors, recipients, victims

    def _actors_of(self, tokens: list[Token]) -> list[str]:
        ids: list[str] = []
        for token in tokens:
            appositions = [c for c in token.children if c.dep_ == "appos"]  # "leader Kim"
            for part in (token, *token.conjuncts, *appositions):
                if part.lower_ in RELATIVE_PRONOUNS and part.head.dep_ == "relcl":
                    part = part.head.head
                if part.lower_ in PLURAL_PRONOUNS:
                    found = self._plural_antecedent(part)
                else:
                    start = min(part.left_edge.i, part.i)
                    span = self.doc[start : part.i + 1]
                    found = actor_at(self.doc, span.start_char, span.end_char)
                if found and found not in ids:
                    ids.append(found)
        return ids

    def _plural_antecedent(self, pronoun: Token) -> str | None:
        """'they' -> the last force or group named before it, within two sentences."""
        if self._sentences is None:
            self._sentences = list(self.doc.sents)
        sentences = [s for s in self._sentences if s.end <= pronoun.sent.start][-2:]
        floor = sentences[0].start_char if sentences else pronoun.sent.start_char
        best = None
        for start, _, actor, kind in self.mentions:
            if floor <= start < pronoun.idx and kind in ("armed_force", "group"):
                best = actor
        return best

    def _forces_in(self, sentence: Span) -> list[str]:
        """The armed forces a sentence names, also by a bare demonym ("Russian and North
        Korean troops")."""
        forces = [
            actor
            for start, end, actor, kind in self.mentions
            if kind == "armed_force" and sentence.start_char <= start and end <= sentence.end_char
        ]
        countries = {country_of(e.text) for e in sentence.ents if e.label_ in ("NORP", "GPE")}
        for actor in self.doc._.actors or []:
            if actor.kind == "armed_force" and actor.country in countries:
                forces.append(actor.id)
        return list(dict.fromkeys(forces))

    def _military(self, roles: dict[str, list[Token]], head: Token) -> bool:
        """Whether an argument is an armed force or a military noun ("sent troops")."""
        tokens = [t for ts in roles.values() for token in ts for t in (token, *token.conjuncts)]
        if any(t.lemma_.lower() in self.military_nouns for t in tokens):
            return True
        if any(self.actor_kinds.get(a) == "armed_force" for a in self._actors_of(tokens)):
            return True
        return any(c.lemma_.lower() in self.military_nouns for c in head.children)

    # -- context ----------------------------------------------------------------------------
    def _scope(self, head: Token) -> Span:
        """The clause of the trigger (with the noun a participle clause hangs on)."""
        clause = head
        while clause.dep_ not in CLAUSE_DEPS and clause.head.i != clause.i:
            clause = clause.head
        start, end = clause.left_edge.i, clause.right_edge.i + 1
        if clause.dep_ in ("acl", "relcl"):
            start = min(start, clause.head.left_edge.i)
        return self.doc[start:end]

    def _negated(self, head: Token) -> bool:
        """'to avoid capture', 'rather than surrendering', 'impossible ... to capture'."""
        window = self.doc[max(head.sent.start, head.i - 4) : head.i]
        ancestors = list(head.ancestors)[:3]
        return any(t.lemma_.lower() in self.negators for t in (*window, *ancestors))

    def _date(self, scope: Span, future: bool) -> EventDate | None:
        for ent in scope.ents:
            if ent.label_ == "DATE":
                if ent.start not in self.dates:
                    self.dates[ent.start] = resolve_date(
                        ent.text, self.doc._.published, future=future
                    )
                return self.dates[ent.start]
        return None

    def _place(self, scope: Span, sentence: Span) -> str | None:
        candidates = []
        for place in self.doc._.places or []:
            for mention in place.mentions:
                if not (sentence.start_char <= mention.start and mention.end <= sentence.end_char):
                    continue
                span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is None:
                    continue
                inside = scope.start_char <= mention.start and mention.end <= scope.end_char
                locative = _is_locative(span.root)
                if not locative and place.precision == "country":
                    continue  # "Russia said...": an actor, not where it happened
                rank = (not locative, not inside, PLACE_RANK.get(place.precision, 5), mention.start)
                candidates.append((rank, place.id))
        return min(candidates)[1] if candidates else None

    def _figures(self, scope: Span, sentence: Span) -> list[str]:
        return [
            figure.id
            for figure in self.doc._.figures or []
            if sentence.start_char <= figure.span.start
            and figure.span.end <= sentence.end_char
            and figure.span.start < scope.end_char
            and scope.start_char < figure.span.end
        ]

    # -- proxy forces ----------------------------------------------------------------------
    def _proxy_forces(self, heads: list[Token]) -> None:
        """'North Korean troops fighting for Russia': the force's `fighting_for` is RUS.
        `heads` are the triggers' head words (the lexicon has "fight")."""
        actors = {a.id: a for a in self.doc._.actors or []}
        if not actors:
            return
        for token in heads:
            if token.lemma_.lower() != "fight" or token.pos_ not in VERB_TAGS:
                continue
            patrons = self._actors_of(_patron_tokens(token))
            fighters = [c for c in token.children if c.dep_ == "nsubj"]
            if token.dep_ in ("acl", "relcl"):
                fighters.append(token.head)
            for patron_id in patrons:
                patron = actors[patron_id].country
                for fighter_id in self._actors_of(fighters):
                    fighter = actors[fighter_id]
                    if (
                        patron
                        and fighter.kind in ("armed_force", "group")
                        and fighter.country not in (None, patron)
                    ):
                        actors[fighter_id] = fighter.model_copy(update={"fighting_for": patron})
        self.doc._.actors = [actors[a.id] for a in self.doc._.actors]


def _modality(head: Token) -> str:
    """`modality_of`, for triggers with a verb above them. Its clause search climbs heads
    until a verb and would not stop in a verbless sentence ("Fighting near Kharkiv.")."""
    token = head
    while token.pos_ not in VERB_TAGS:
        if token.head.i == token.i:
            return "asserted"
        token = token.head
    return modality_of(head)


def _passive(verb: Token) -> bool:
    """A passive verb or participle: 'soldiers killed', 'who were deployed', 'if captured'.
    A reduced relative clause is passive even when tagged as a past tense ("VBD")."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    if verb.dep_ == "acl":
        return verb.tag_ in ("VBN", "VBD")
    return verb.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "aux") for c in verb.children)


def _patron_tokens(verb: Token) -> list[Token]:
    """The X of 'fighting for X' and 'fighting on behalf of X'."""
    found = []
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            if prep.lower_ == "for":
                found.append(pobj)
            elif prep.lower_ == "on" and pobj.lower_ in ("behalf", "side"):
                found += [g for p in pobj.children if p.lower_ == "of" for g in p.children]
    return found


def _is_locative(token: Token) -> bool:
    """A place named after 'in', 'near', 'at'... (within a few steps up the parse)."""
    for ancestor in list(token.ancestors)[:4]:
        if ancestor.dep_ == "prep" or ancestor.pos_ == "ADP":
            return ancestor.lower_ in LOCATIVE_PREPOSITIONS
    return False


def _merge_same_sentence(drafts: list[dict]) -> list[dict]:
    """One event per category and sentence when the mentions do not disagree on who
    ("sent from North Korea ... troops who have been deployed to aid the Russian military")."""
    kept: list[dict] = []
    for draft in drafts:
        for earlier in kept:
            if (
                earlier["category"] == draft["category"]
                and earlier["trigger"].sent == draft["trigger"].sent
                and all(_compatible(earlier[r], draft[r]) for r in ("actors", "victims"))
            ):
                for role in ("actors", "recipients", "victims"):
                    _extend(earlier[role], draft[role])
                if earlier["head"].pos_ not in VERB_TAGS and draft["head"].pos_ in VERB_TAGS:
                    earlier.update(
                        trigger=draft["trigger"], head=draft["head"]
                    )  # a verb names it best
                break
        else:
            kept.append(draft)
    return kept


def _compatible(first: list[str], second: list[str]) -> bool:
    return not first or not second or set(first) == set(second)


def _extend(target: list[str], ids: list[str]) -> None:
    target.extend(i for i in ids if i not in target)


def _text_span(doc: Doc, start: int, end: int) -> TextSpan:
    text = doc.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return TextSpan(start=start, end=end, text=text[start:end])


@Language.factory("fogofwar_events")
def make_events(nlp: Language, name: str) -> EventsComponent:
    return EventsComponent(nlp)


class EventsComponent:
    """spaCy component wrapper: `nlp.add_pipe("fogofwar_events")` after the other components."""

    def __init__(self, nlp: Language) -> None:
        extensions.register()
        self.matcher = build_matcher(nlp.vocab)
        groups = lexicons.load("groups")
        self.military_nouns = frozenset(groups["armed_force"]["nouns"]) | frozenset(
            lexicon().get("military_nouns") or ()
        )

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = EventFinder(doc, self.matcher, self.military_nouns).run()
        return doc
