"""What a counted group of people is counted for: killed, injured, captured, deployed...

Reads the dependency parse around one argument token (the counted noun, or the number
itself when it stands alone: "12 were killed"). Used by the fogofwar_figures component;
the words live in `lexicons/figures.yaml`.

The clues, strongest first:
1. the counted noun is a category noun: "12 deaths", "35 casualties", "40 refugees";
2. a noun governs it through "of": "the deaths of 12 soldiers", "a contingent of 11,000";
3. an adjective on it: "12 dead", "two injured";
4. its predicate: "12 were killed", "killing 12", "thousands fled", "lost their lives",
   "were found dead", "the death toll rose to 12";
5. a participle or relative clause on the noun: "soldiers killed or injured",
   "troops who have been deployed".
"Shot" counts the dead and the wounded together (killed_or_injured) unless the text says
which: "shot dead", "fatally shot", "shot and killed" are deaths; "shot and wounded" or
"non-fatally shot" injuries.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from fogofwar import lexicons
from fogofwar.schema import FigureCategory

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
PASSIVE_DEPS = ("nsubjpass",)
COPULAS = frozenset(
    {
        "be",
        "remain",
        "become",
        "lie",
        "go",
        "find",
        "leave",
        "pronounce",
        "declare",
        "report",
        "list",
        "confirm",
        "feel",
        "stay",
        "get",
    }
)
COMPLEMENT_DEPS = ("acomp", "oprd", "attr", "xcomp", "ccomp", "advmod", "dobj", "npadvmod")
HARMED = ("killed", "injured", "killed_or_injured")
SKIPPED = frozenset({"ages", "aged", "age", "both", "all", "each"})
TALLY_NOUNS = frozenset({"number", "tally", "count", "figure", "total"})
SINGLE_PRONOUNS = frozenset({"he", "she", "him", "her", "himself", "herself"})
REFLEXIVES = frozenset({"himself", "herself"})
WEAPONS = frozenset({"gun", "weapon", "rifle", "pistol", "handgun", "shotgun", "knife"})
HOSPITAL_PREPOSITIONS = frozenset({"to", "into", "in", "at"})
AGE_UNITS = frozenset({"year", "month", "week", "day"})


@dataclass(frozen=True)
class CasualtyLexicon:
    object_verbs: dict[str, FigureCategory]
    subject_verbs: dict[str, FigureCategory]
    nouns: dict[str, FigureCategory]
    adjectives: dict[str, FigureCategory]
    verb_objects: dict[tuple[str, str], FigureCategory]
    turn_killed: frozenset[str]
    turn_injured: frozenset[str]
    people: frozenset[str]
    people_pronouns: frozenset[str]
    victim_nouns: dict[str, FigureCategory]
    hospital_words: frozenset[str]
    injury_words: frozenset[str]

    @property
    def verbs(self) -> frozenset[str]:
        """Every verb lemma that can say what a group was counted for."""
        return (
            frozenset(self.object_verbs)
            | frozenset(self.subject_verbs)
            | frozenset(verb for verb, _ in self.verb_objects)
        )


@cache
def casualty_lexicon() -> CasualtyLexicon:
    data = lexicons.load("figures")
    tables: dict[str, dict] = {
        "object_verbs": {},
        "subject_verbs": {},
        "nouns": {},
        "adjectives": {},
        "verb_objects": {},
    }
    for category, entry in data["categories"].items():
        for field in ("object_verbs", "subject_verbs", "nouns", "adjectives"):
            for word in entry.get(field) or []:
                tables[field].setdefault(word, category)
        for verb, objects in (entry.get("verb_objects") or {}).items():
            for obj in objects:
                tables["verb_objects"].setdefault((verb, obj), category)
    return CasualtyLexicon(
        **tables,
        turn_killed=frozenset(data["turn_killed"]),
        turn_injured=frozenset(data["turn_injured"]),
        people=frozenset(data["people"]),
        people_pronouns=frozenset(data["people_pronouns"]),
        victim_nouns=data["victim_nouns"],
        hospital_words=frozenset(data["hospital_words"]),
        injury_words=frozenset(data["injury_words"]),
    )


def _lemma(token: Token) -> str:
    if verb_tagged_noun(token):
        return "shoot"
    return token.lemma_.lower()


def verb_tagged_noun(token: Token) -> bool:
    """ "shot" tagged a noun yet with a subject: the parser misread a headline verb ("Teen
    shot while playing with friend")."""
    return (
        token.lower_ == "shot"
        and token.pos_ == "NOUN"
        and any(c.dep_ == "nsubj" for c in token.children)
    )


def _passive_participle(verb: Token) -> bool:
    """ "killed" in "two killed", also when tagged as a past tense without an object."""
    if verb.tag_ == "VBN":
        return True
    return verb.tag_ == "VBD" and not any(c.dep_ in ("dobj", "nsubj") for c in verb.children)


def _to_death(verb: Token) -> bool:
    return any(
        prep.lower_ == "to" and any(_lemma(o) == "death" for o in prep.children)
        for prep in verb.children
        if prep.dep_ == "prep"
    )


def combine(categories: list[FigureCategory]) -> FigureCategory | None:
    """One category for a group several words describe: "shot and killed" is killed,
    "killed or injured" killed_or_injured, "shot and wounded" injured."""
    found = [c for c in dict.fromkeys(categories) if c != "other"]
    if not found:
        return None
    kinds = set(found)
    if {"killed", "injured"} <= kinds:
        return "killed_or_injured"
    if "killed_or_injured" in kinds and len(kinds) > 1:
        rest = [c for c in found if c != "killed_or_injured"]
        return rest[0]
    return found[0]


class CategoryReader:
    """Reads the category of counted groups in one Doc."""

    def __init__(self, lexicon: CasualtyLexicon | None = None) -> None:
        self.lex = lexicon or casualty_lexicon()

    # -- the people test ----------------------------------------------------------------
    def is_people(self, noun: Token) -> bool:
        """A noun that counts people: "soldiers", "Palestinians", "others", "deaths"."""
        lemma, lower = _lemma(noun), noun.lower_
        if lemma in self.lex.people or lower in self.lex.people:
            return True
        if lemma in self.lex.nouns or lower in self.lex.people_pronouns:
            return True
        return noun.ent_type_ == "NORP" and noun.tag_ in ("NNPS", "NNS")

    def is_person(self, token: Token) -> bool:
        """One person: "a man", "the victim", "Kevin Barbee", "he", "a 9-year-old"."""
        if token.pos_ == "PRON":
            return token.lower_ in SINGLE_PRONOUNS
        if token.ent_type_ == "PERSON":
            return True
        if token.pos_ == "PROPN" and token.lower_ in self.lex.people:
            return token.tag_ == "NNP"  # "Man found dead" in a headline
        if token.pos_ == "PROPN" and token.ent_type_ == "" and token.is_title:
            # a name the NER missed: "Shaquez Brunner died"
            return any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children)
        if token.lower_ == "old":  # "a 9-year-old", "a 9-month old"
            return any(_lemma(c) in AGE_UNITS for c in token.subtree)
        if token.tag_ != "NN":
            return False  # plurals are counted with a number
        return _lemma(token) in self.lex.people or token.lower_ in self.lex.people

    def turns_on_self(self, verb: Token) -> bool:
        """A suicide: "turned the gun on himself"."""
        if _lemma(verb) != "turn":
            return False
        weapons = [c for c in verb.children if c.dep_ == "dobj" and _lemma(c) in WEAPONS]
        return bool(weapons) and any(t.lower_ in REFLEXIVES for t in verb.subtree)

    def victim_noun_category(self, noun: Token) -> FigureCategory | None:
        """What "the [fatal shooting] of X" did to X."""
        category = self.lex.victim_nouns.get(_lemma(noun))
        if category is None:
            return None
        modifiers = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound")}
        if modifiers & self.lex.turn_killed and category in ("killed_or_injured", "injured"):
            return "killed"
        return category

    # -- the category ---------------------------------------------------------------------
    def category(self, arg: Token, noun: Token | None) -> FigureCategory | None:
        """The category of the group whose clause argument is `arg` (the noun, or the
        number when it stands alone) and whose counted noun is `noun`."""
        lex = self.lex
        if noun is not None:
            own = lex.nouns.get(_lemma(noun)) or lex.nouns.get(noun.lower_)
            if own == "killed" and _lemma(noun) == "toll":
                own = self._toll(noun)
            own = own or self._governing_noun(noun)
            if own == "killed_or_injured":
                # "two of the victims died", "two victims fatally shot": the clause says
                said = self._predicate(arg) or self._clause_on_noun(noun) or self._next_words(noun)
                return combine([own, said or own])
            if own is not None:
                return own
        found = self._adjectives(arg, noun)
        if found is not None:
            return found
        predicate = self._predicate(arg)
        if predicate is not None:
            return predicate
        clause = self._clause_on_noun(noun if noun is not None else arg)
        return clause or self._next_words(noun if noun is not None else arg)

    def _next_words(self, last: Token) -> FigureCategory | None:
        """When the parse misses it, the verb right after the group: "among 7 slain by",
        "two girls, ages 4 and 5, were killed", "two victims fatally shot"."""
        sent_end = last.sent.end
        turned = False
        bare = last.pos_ == "NUM"  # "7 slain": nothing may come between
        for token in last.doc[last.i + 1 : min(last.i + 9, sent_end)]:
            word = token.lower_
            skip = token.is_punct or token.pos_ in ("NUM", "AUX", "CCONJ", "PART")
            if (skip or word in SKIPPED) and not bare:
                continue
            if token.pos_ == "ADV":
                turned = turned or word in self.lex.turn_killed
                continue
            lemma = _lemma(token)
            category = (
                self.lex.adjectives.get(word)
                or self.lex.adjectives.get(lemma)
                or (self.lex.object_verbs.get(lemma) if _passive_participle(token) else None)
                or self.lex.subject_verbs.get(lemma)
            )
            if category in HARMED and turned:
                return "killed"
            return category
        return None

    def _adjectives(self, arg: Token, noun: Token | None) -> FigureCategory | None:
        """Adjectives: "12 dead", "two injured", "three people dead and two injured", "1 dead, 4
        injured" (a headline: the adjective may head the number)."""
        bare = noun is None and arg.pos_ == "NUM"
        words = [
            c
            for t in (arg, noun)
            if t is not None
            for c in t.children
            if c.dep_ == "amod" or (c.dep_ in ("acl", "oprd") and (c.pos_ == "ADJ" or bare))
        ]
        if bare and arg.dep_ in ("meta", "npadvmod", "nsubj", "dep") and arg.head.i > arg.i:
            words.append(arg.head)
        words += [g for w in words for g in w.children if g.dep_ == "conj"]
        lex = self.lex
        found = [lex.adjectives.get(_lemma(w)) or lex.adjectives.get(w.lower_) for w in words]
        return combine([f for f in found if f])

    def _toll(self, toll: Token) -> FigureCategory:
        for child in toll.children:
            if child.dep_ in ("compound", "amod"):
                category = self.lex.nouns.get(_lemma(child))
                if category is not None and category != "killed":
                    return category
        return "killed"

    def _governing_noun(self, noun: Token) -> FigureCategory | None:
        """A noun above the group: "the deaths of several soldiers", "a contingent of 11,000
        troops", "claimed the lives of 12 people", "two shooting victims"."""
        head = noun.head
        if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.i != head.i:
            owner = head.head
            category = self.lex.nouns.get(_lemma(owner))
            if category == "killed" and _lemma(owner) == "toll":
                category = self._toll(owner)
            if category is None and owner.dep_ == "dobj":
                category = self.lex.verb_objects.get((_lemma(owner.head), _lemma(owner)))
            return category
        for child in noun.children:
            if child.dep_ == "compound" and child.i < noun.i:
                category = self.victim_noun_category(child)
                if category is not None:
                    return category
        return None

    def _predicate(self, arg: Token) -> FigureCategory | None:
        """The category the clause gives its argument `arg`."""
        while arg.dep_ == "conj" and arg.head.pos_ in ("NOUN", "PROPN"):
            arg = arg.head  # "a man and a woman were killed"
        verb, dep = arg.head, arg.dep_
        if verb.i == arg.i:
            return None
        if dep in ("pobj", "attr", "dobj") and arg.pos_ == "NUM":
            tally = self._tally(verb if dep != "pobj" else verb.head)
            if tally is not None:
                return tally
        perfect = any(c.dep_ == "aux" and _lemma(c) == "have" for c in verb.children)
        participle = dep == "nsubj" and verb.tag_ == "VBN" and not perfect  # "30 wounded"
        if dep in PASSIVE_DEPS or dep == "dobj" or participle:
            return self._verb(verb, "object")
        if dep == "nsubj" and arg.pos_ != "PRON" and self._headline_passive(verb):
            return self._verb(verb, "object")  # "Man shot while cleaning handgun"
        if dep == "nsubj":
            return self._verb(verb, "subject")
        if dep == "npadvmod" and arg.pos_ == "NUM":
            turned = self._turned(verb, None, arg)  # "two were shot, one fatally"
            if turned is None and arg.i == verb.i + 1:
                return self._verb(verb, "object")  # "killed 2, injured 5": a mis-parsed object
            return turned
        return None

    def _headline_passive(self, verb: Token) -> bool:
        """A headline drops "was": "Man shot", "Teen killed" have no object or auxiliary."""
        if _lemma(verb) not in self.lex.object_verbs:
            return False
        if verb.tag_ not in ("VBD", "VBN") and not verb_tagged_noun(verb):
            return False
        return not any(
            c.dep_ in ("dobj", "aux", "auxpass", "dative") or c.lower_ in ("at", "into", "on")
            for c in verb.children
        )

    def _tally(self, verb: Token) -> FigureCategory | None:
        """A tally: "the death toll rose to 12", "raising the toll to 35", "the number of
        dead is 4"."""
        for child in verb.children:
            if child.dep_ not in ("nsubj", "nsubjpass", "dobj"):
                continue
            lemma = _lemma(child)
            if lemma == "toll":
                return self._toll(child)
            if lemma in TALLY_NOUNS or lemma in self.lex.nouns:
                governed = [g for p in child.children if p.lower_ == "of" for g in p.children]
                for noun in governed:
                    category = self.lex.nouns.get(_lemma(noun)) or self.lex.adjectives.get(
                        _lemma(noun)
                    )
                    if category is not None:
                        return category
                if lemma in self.lex.nouns:
                    return self.lex.nouns[lemma]
        return None

    def _verb(self, verb: Token, role: str) -> FigureCategory | None:
        """The category a verb gives its victim in `role` ("object" or "subject"), with its
        coordinated verbs ("shot and killed", "killed or injured")."""
        # A coordinated verb shares the group unless it has its own: "killed one teen and
        # wounded five people" are two groups.
        own = SUBJECT_DEPS + (("dobj",) if role == "object" else ())
        verbs = [verb] + [
            c
            for c in verb.children
            if c.dep_ == "conj"
            and c.pos_ in ("VERB", "ADJ")
            and not any(g.dep_ in own for g in c.children)
        ]
        found = combine([c for v in verbs if (c := self._one_verb(v, role)) is not None])
        if found in (None, "deployed", "evacuated") and any(self._to_hospital(v) for v in verbs):
            return "injured"  # "sent 4 people to the hospital"
        return found

    def _one_verb(self, verb: Token, role: str) -> FigureCategory | None:
        lex, lemma = self.lex, _lemma(verb)
        category: FigureCategory | None = None
        if role == "object":
            # "was shot and died": a verb that takes no object keeps its subject
            category = lex.object_verbs.get(lemma) or lex.subject_verbs.get(lemma)
        elif verb.tag_ == "VBN":
            category = lex.object_verbs.get(lemma) or lex.subject_verbs.get(lemma)
        else:
            category = lex.subject_verbs.get(lemma)
        for child in verb.children:
            if child.dep_ not in COMPLEMENT_DEPS:
                continue
            paired = self._verb_object(lemma, child)
            if paired is not None:
                return paired
            if lemma in COPULAS or verb.pos_ == "VERB":
                adjective = lex.adjectives.get(_lemma(child)) or lex.adjectives.get(child.lower_)
                if adjective is not None and child.dep_ != "dobj":
                    category = combine([c for c in (category, adjective) if c])
        return self._turned(verb, category, None)

    def _to_hospital(self, verb: Token) -> bool:
        """Hurt: "sent 4 people to the hospital", "taken to hospital with injuries",
        "suffering from gunshot wounds"."""
        for prep in verb.children:
            objects = [c for c in prep.children if c.dep_ == "pobj"] if prep.dep_ == "prep" else []
            for obj in objects:
                if prep.lower_ in HOSPITAL_PREPOSITIONS and obj.lower_ in self.lex.hospital_words:
                    return True
                if prep.lower_ in ("with", "from") and obj.lower_ in self.lex.injury_words:
                    return True
        return False

    def _verb_object(self, verb_lemma: str, obj: Token) -> FigureCategory | None:
        """A verb with its object: "lost their lives", "took them prisoner", "suffered
        injuries", "took their own lives" (suicides)."""
        if obj.dep_ not in ("dobj", "oprd", "attr", "xcomp"):
            return None
        lemma = _lemma(obj)
        if any(c.lower_ == "own" for c in obj.children):
            own = self.lex.verb_objects.get((verb_lemma, f"own {lemma}"))
            if own is not None:
                return own
        return self.lex.verb_objects.get((verb_lemma, lemma))

    def _turned(
        self, verb: Token, category: FigureCategory | None, number: Token | None
    ) -> FigureCategory | None:
        """Adverbs that decide: "fatally shot", "shot dead" -> killed; "non-fatally shot" ->
        injured."""
        words = {c.lower_ for c in (number or verb).children if c.dep_ in COMPLEMENT_DEPS}
        if number is None and _to_death(verb):
            words.add("death")  # "shot to death", "beaten to death"
        if number is not None and not words:
            return None
        if words & self.lex.turn_killed and category in (None, *HARMED):
            return "killed" if category is not None or number is not None else None
        if words & self.lex.turn_injured and category == "killed_or_injured":
            return "injured"
        return category

    def _clause_on_noun(self, noun: Token) -> FigureCategory | None:
        """A clause on the noun: "soldiers killed or injured", "troops who have been deployed"."""
        for child in noun.children:
            if child.dep_ == "acl" and child.pos_ == "VERB":
                role = "subject" if child.tag_ == "VBG" else "object"
                category = self._verb(child, role)
            elif child.dep_ == "relcl":
                subjects = [g for g in child.children if g.dep_ in SUBJECT_DEPS]
                if not subjects or subjects[0].lower_ not in ("who", "that", "which"):
                    continue
                passive = subjects[0].dep_ in PASSIVE_DEPS
                category = self._verb(child, "object" if passive else "subject")
            else:
                continue
            if category is not None:
                return category
        return None
