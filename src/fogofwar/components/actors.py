"""fogofwar_actors: who the document is about, one record per actor with every mention.

Reads:  doc.ents (PERSON, ORG, GPE, NORP), the dependency parse, sentences.
Writes: doc._.actors, a list of `schema.Actor`, ids "a1", "a2"... in order of first mention.

Persons, organisations, states, armed forces and nationality groups are normalised
to actors with a kind, an ISO3 country and a PLOVER sector where the text (or, failing
that, `lexicons/known_actors.yaml`) says so. Titles before a name ("Ukrainian President
Volodymyr Zelenskyy") and appositions after it ("John Kirby, spokesperson for the
National Security Council") give roles and country. Surnames, other spellings and
third-person pronouns are joined to the full name within the document.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from fogofwar import extensions, lexicons
from fogofwar.countries import country_name, country_of_demonym, country_of_name, normalize
from fogofwar.known import KnownActor, known_actor
from fogofwar.schema import Actor
from fogofwar.schema import Span as TextSpan

PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
QUOTE_MARKS = '"\u201c\u201d'
# Sector precedence when a phrase names several ("intelligence officials" is SPY).
GROUP_PRECEDENCE = ("intelligence", "police", "armed_force", "media", "government", "civilians")
AFFILIATION_PREPS = {"for", "of", "at", "to", "with", "from"}


@dataclass
class _Cluster:
    """An actor under construction."""

    key: tuple
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    roles: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    name_tokens: frozenset[str] = frozenset()
    known: KnownActor | None = None

    def add_role(self, role: str) -> None:
        if role and role.lower() not in {r.lower() for r in self.roles}:
            self.roles.append(role)


def _role_lexicon() -> dict[str, str | None]:
    return lexicons.load("roles")


def _group_nouns() -> dict[str, tuple[str, str, str]]:
    """noun lemma -> (group name, actor kind, sector)."""
    table: dict[str, tuple[str, str, str]] = {}
    groups = lexicons.load("groups")
    for group in reversed(GROUP_PRECEDENCE):
        entry = groups[group]
        for noun in entry["nouns"]:
            table[noun] = (group, entry.get("kind", group), entry["sector"])
    return table


class ActorFinder:
    """Builds the actor clusters of one Doc. One instance per document."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.clusters: dict[tuple, _Cluster] = {}
        self.claimed: set[int] = set()  # token indices already in a mention
        self.roles = _role_lexicon()
        self.group_nouns = _group_nouns()

    # -- the public entry ---------------------------------------------------------
    def run(self) -> list[Actor]:
        persons = []
        for ent in self.doc.ents:
            text = ent.text
            if ent.label_ == "PERSON" or known_actor(text, "person"):
                persons.append(ent)
            elif ent.label_ in ("ORG", "GPE", "NORP", "FAC", "LOC"):
                self._entity(ent)
        # Full names first, so that surnames and spellings can join them.
        persons.sort(key=lambda e: (-len(e), e.start))
        for ent in persons:
            self._person(ent)
        self._bare_surnames()
        self._pronouns()
        return self._actors()

    # -- persons ------------------------------------------------------------------
    def _person(self, ent: Span) -> None:
        tokens = [t for t in ent if not (t.tag_ == "POS" or t.text in ("'s", "\u2019s"))]
        # NER sometimes takes the title into the name ("President Zelenskyy").
        while len(tokens) > 1 and tokens[0].lower_ in self.roles:
            tokens = tokens[1:]
        if not tokens or not any(t.pos_ == "PROPN" for t in tokens):
            return  # "Tragic reports" tagged PERSON
        start, end = tokens[0].i, tokens[-1].i + 1
        span = self.doc[start:end]
        nxt = self.doc[end] if end < len(self.doc) else None
        if nxt is not None and nxt.lower_ in ("administration", "government", "campaign"):
            self._organization(self.doc[start : end + 1])
            return
        cluster = self._person_cluster(span.text)
        self._mention(cluster, start, end)
        self._title_before(cluster, start)
        self._apposition_after(cluster, end)

    def _person_cluster(self, name: str) -> _Cluster:
        name_tokens = frozenset(normalize(name).split())
        known = known_actor(name, "person")
        for cluster in self.clusters.values():
            if cluster.kind != "person":
                continue
            if known is not None and cluster.known is known:
                return cluster
            if name_tokens and name_tokens <= cluster.name_tokens:
                return cluster
        canonical = known.name if known is not None and len(name_tokens) == 1 else name
        cluster = _Cluster(
            key=("person", normalize(canonical)),
            name=canonical,
            kind="person",
            name_tokens=frozenset(normalize(canonical).split()) | name_tokens,
            known=known,
        )
        self.clusters[cluster.key] = cluster
        return cluster

    def _bare_surnames(self) -> None:
        """Join name tokens the NER missed ("Zelenskyy also remarked") to their person."""
        surnames: dict[str, _Cluster] = {}
        for cluster in self.clusters.values():
            if cluster.kind != "person":
                continue
            parts = normalize(cluster.name).split()
            if len(parts) > 1:
                surnames.setdefault(parts[-1], cluster)
            if cluster.known is not None:
                for alias in cluster.known.aliases:
                    if " " not in alias:
                        surnames.setdefault(normalize(alias), cluster)
        if not surnames:
            return
        for token in self.doc:
            if token.i in self.claimed or not token.is_title:
                continue
            cluster = surnames.get(normalize(token.text))
            if cluster is not None:
                self._mention(cluster, token.i, token.i + 1)

    def _title_before(self, cluster: _Cluster, start: int) -> None:
        """'Ukrainian President' / 'Russia's Foreign Minister' before a name."""
        sent_start = self.doc[start].sent.start
        role_start, role = self._longest_role_ending_at(start, sent_start)
        if role is None:
            return
        cluster.add_role(role)
        sector = self.roles.get(role.lower())
        if sector and not cluster.sector:
            cluster.sector = sector
        country = self._country_ending_at(role_start, sent_start)
        if country and not cluster.country:
            cluster.country = country

    def _longest_role_ending_at(self, end: int, floor: int) -> tuple[int, str | None]:
        for width in (4, 3, 2, 1):
            start = end - width
            if start < floor:
                continue
            words = " ".join(t.lower_ for t in self.doc[start:end])
            if words in self.roles:
                return start, self.doc[start:end].text
        return end, None

    def _country_ending_at(self, end: int, floor: int) -> str | None:
        """A demonym or country name (with optional 's) just before token `end`."""
        if end > floor and self.doc[end - 1].text in ("'s", "\u2019s"):
            end -= 1
        for width in (3, 2, 1):
            start = end - width
            if start < floor:
                continue
            text = self.doc[start:end].text
            code = country_of_demonym(text) or country_of_name(text)
            if code:
                return code
        return None

    def _apposition_after(self, cluster: _Cluster, end: int) -> None:
        """'John Kirby, spokesperson for the National Security Council'."""
        doc = self.doc
        if end >= len(doc) or doc[end].text != ",":
            return
        i = end + 1
        limit = min(len(doc), i + 6)
        country = None
        while i < limit and (doc[i].pos_ in ("DET", "ADJ", "PROPN") or doc[i].lower_ == "deputy"):
            code = country_of_demonym(doc[i].text) or country_of_name(doc[i].text)
            if code is None and i + 1 < len(doc):
                code = country_of_demonym(doc[i : i + 2].text)
            country = country or code
            if doc[i].lower_ in self.roles:
                break
            i += 1
        role_end = None
        for width in (4, 3, 2, 1):
            words = " ".join(t.lower_ for t in doc[i : i + width])
            if i + width <= len(doc) and words in self.roles:
                role_end = i + width
                break
        if role_end is None:
            return
        role = doc[i:role_end].text
        cluster.add_role(role)
        sector = self.roles.get(role.lower())
        if sector and not cluster.sector:
            cluster.sector = sector
        if role_end < len(doc) and doc[role_end].lower_ in AFFILIATION_PREPS:
            country = country or self._affiliation_country(role_end + 1)
        if country and not cluster.country:
            cluster.country = country

    def _affiliation_country(self, start: int) -> str | None:
        for ent in self.doc.ents:
            if ent.start < start or ent.start > start + 2:
                continue
            code = country_of_name(ent.text) or country_of_demonym(ent.text)
            if code:
                return code
            known = known_actor(ent.text, "organization")
            if known is not None:
                return known.country
            return self._country_inside(ent)
        return None

    # -- organisations, states and nationality groups ----------------------------
    def _entity(self, ent: Span) -> None:
        text = ent.text
        if known_actor(text, "organization") is not None:
            self._organization(ent)
            return
        code = country_of_name(text)
        if code and ent.label_ in ("GPE", "ORG", "LOC", "NORP"):
            cluster = self._cluster(("state", code), country_name(code), "state", code)
            self._mention(cluster, ent.start, ent.end)
            return
        if ent.label_ in ("NORP", "GPE"):
            code = country_of_demonym(text)
            if code:
                # "South Korean officials" also names South Korea: the state is an actor
                # even where the text never spells out its name.
                state = self._cluster(("state", code), country_name(code), "state", code)
                state.mentions.append((ent.start_char, ent.end_char))
                self._nationality(ent, code)
                return
            if ent.label_ == "NORP":
                self._nationality(ent, None)
            return
        if ent.label_ == "ORG":
            self._organization(ent)

    def _organization(self, ent: Span) -> None:
        tokens = list(ent)
        while tokens and tokens[0].lower_ == "the":
            tokens = tokens[1:]
        while tokens and tokens[-1].text in ("'s", "\u2019s"):
            tokens = tokens[:-1]
        if not tokens:
            return
        span = self.doc[tokens[0].i : tokens[-1].i + 1]
        known = known_actor(span.text, "organization")
        name = known.name if known is not None else span.text
        lemmas = {t.lemma_.lower() for t in span}
        kind = "armed_force" if lemmas & {"army", "force", "military"} else "organization"
        cluster = self._cluster(("org", normalize(name)), name, kind, None)
        cluster.known = known
        if known is not None:
            cluster.country = cluster.country or known.country
            cluster.sector = cluster.sector or known.sector
        cluster.country = cluster.country or self._country_inside(span)
        if not cluster.sector:
            cluster.sector = self._sector_of_words(lemmas)
        self._mention(cluster, span.start, span.end)

    def _country_inside(self, span: Span) -> str | None:
        for token in span:
            code = country_of_demonym(token.text) or country_of_name(token.text)
            if code:
                return code
        for i in range(span.start, span.end - 1):
            code = country_of_demonym(self.doc[i : i + 2].text)
            if code:
                return code
        known = known_actor(span.text, "person")
        if known is None:
            for token in span:
                known = known_actor(token.text, "person")
                if known:
                    break
        return known.country if known is not None else None

    def _sector_of_words(self, lemmas: Iterable[str]) -> str | None:
        best: tuple[int, str] | None = None
        for lemma in lemmas:
            hit = self.group_nouns.get(lemma)
            if hit:
                rank = GROUP_PRECEDENCE.index(hit[0])
                if best is None or rank < best[0]:
                    best = (rank, hit[2])
        return best[1] if best else None

    def _nationality(self, ent: Span, code: str | None) -> None:
        """'North Korean soldiers' -> armed force PRK; 'Ukrainians' -> group UKR."""
        root = ent.root
        head = root.head
        if root.dep_ == "conj" and head.dep_ in ("amod", "compound"):
            head = head.head  # "Russian and North Korean troops"
        if root.dep_ in ("amod", "compound", "nmod") and head.pos_ in ("NOUN", "PROPN"):
            if head.i < ent.start:
                return
            if head.lower_ in self.roles and self._names_person(head):
                return  # "Ukrainian President Volodymyr Zelenskyy": a title, not an actor
            words = self.doc[ent.end : head.i + 1]
            hits = [self.group_nouns.get(t.lemma_.lower()) for t in words]
            hits = [h for h in hits if h]
            if not hits:
                return
            group, kind, sector = min(hits, key=lambda h: GROUP_PRECEDENCE.index(h[0]))
            phrase = self.doc[ent.start : head.i + 1]
            if any(t.ent_type_ == "NORP" for t in words):
                phrase = ent  # "Russian and North Korean troops": the first of two
            cluster = self._cluster(
                (kind, code, sector, group if not code else ""), phrase.text, kind, code
            )
            cluster.sector = cluster.sector or sector
            self._mention(cluster, phrase.start, phrase.end)
            return
        if root.pos_ in ("NOUN", "PROPN") or root.tag_ in ("NNPS", "NNS"):
            cluster = self._cluster(
                ("group", code, None, normalize(ent.text) if not code else ""),
                ent.text,
                "group",
                code,
            )
            self._mention(cluster, ent.start, ent.end)

    def _names_person(self, title: Token) -> bool:
        nxt = title.i + 1
        return (
            nxt < len(self.doc)
            and self.doc[nxt].ent_type_ == "PERSON"
            or any(c.ent_type_ == "PERSON" for c in title.children)
            or title.head.ent_type_ == "PERSON"
        )

    # -- pronouns -----------------------------------------------------------------
    def _pronouns(self) -> None:
        """Third-person singular pronouns -> the most salient person before them."""
        persons = sorted(
            (start, end, cluster)
            for cluster in self.clusters.values()
            if cluster.kind == "person"
            for start, end in cluster.mentions
        )
        if not persons:
            return
        inside_quote = False
        for token in self.doc:
            if "\n" in token.text:
                inside_quote = False  # an unbalanced quote mark ends with its paragraph
            marks = sum(token.text.count(mark) for mark in QUOTE_MARKS)
            if marks:
                if "\u201c" in token.text or "\u201d" in token.text:
                    inside_quote = "\u201c" in token.text
                elif marks % 2:
                    inside_quote = not inside_quote
                continue
            if inside_quote or token.lower_ not in PRONOUNS or token.i in self.claimed:
                continue
            cluster = self._antecedent(token, persons)
            if cluster is not None:
                self._mention(cluster, token.i, token.i + 1)

    def _antecedent(self, pronoun: Token, persons: list) -> _Cluster | None:
        """The closest person before the pronoun, preferring subjects, within two sentences."""
        sent = pronoun.sent
        previous = [s for s in self.doc.sents if s.end <= sent.start][-2:]
        window_start = previous[0].start if previous else sent.start
        window_start_char = self.doc[window_start].idx
        candidates = [
            (start, cluster)
            for start, end, cluster in persons
            if window_start_char <= start < pronoun.idx
        ]
        if not candidates:
            return None
        in_sentence = [c for c in candidates if c[0] >= sent.start_char]
        if in_sentence:
            return in_sentence[-1][1]
        subjects = [
            c
            for c in candidates
            if self.doc.char_span(c[0], c[0] + 1, alignment_mode="expand") is not None
            and self._is_subject_at(c[0])
        ]
        return (subjects or candidates)[-1][1]

    def _is_subject_at(self, char: int) -> bool:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        if span is None:
            return False
        token = span[0]
        while token.dep_ == "compound" and token.head.i != token.i:
            token = token.head
        return token.dep_ in ("nsubj", "nsubjpass")

    # -- bookkeeping ----------------------------------------------------------------
    def _cluster(self, key: tuple, name: str, kind: str, country: str | None) -> _Cluster:
        cluster = self.clusters.get(key)
        if cluster is None:
            cluster = _Cluster(key=key, name=name, kind=kind, country=country)
            self.clusters[key] = cluster
        return cluster

    def _mention(self, cluster: _Cluster, start: int, end: int) -> None:
        if any(i in self.claimed for i in range(start, end)):
            return
        self.claimed.update(range(start, end))
        span = self.doc[start:end]
        cluster.mentions.append((span.start_char, span.end_char))

    def _actors(self) -> list[Actor]:
        text = self.doc.text
        clusters = [c for c in self.clusters.values() if c.mentions]
        for cluster in clusters:
            if cluster.known is not None:
                cluster.country = cluster.country or cluster.known.country
                cluster.sector = cluster.sector or cluster.known.sector
                if cluster.known.role and cluster.kind == "person" and not cluster.roles:
                    cluster.add_role(cluster.known.role)
            cluster.mentions.sort()
        clusters.sort(key=lambda c: c.mentions[0])
        return [
            Actor(
                id=f"a{n}",
                name=c.name,
                kind=c.kind,
                country=c.country,
                sector=c.sector,
                roles=c.roles,
                mentions=[TextSpan(start=s, end=e, text=text[s:e]) for s, e in c.mentions],
            )
            for n, c in enumerate(clusters, start=1)
        ]


def actor_at(doc: Doc, start: int, end: int) -> str | None:
    """The id of the actor whose mention overlaps characters [start, end) the most; on a
    tie the tighter mention wins ("North Korean" is North Korea inside "North Korean
    soldiers")."""
    best: tuple[int, int, str] | None = None
    for actor in doc._.actors or []:
        for mention in actor.mentions:
            overlap = min(end, mention.end) - max(start, mention.start)
            score = (overlap, mention.start - mention.end, actor.id)
            if overlap > 0 and (best is None or score[:2] > best[:2]):
                best = score
    return best[2] if best else None


@Language.factory("fogofwar_actors")
def make_actors(nlp: Language, name: str) -> ActorsComponent:
    return ActorsComponent()


class ActorsComponent:
    """spaCy component wrapper: `nlp.add_pipe("fogofwar_actors")` after the NER."""

    def __init__(self) -> None:
        extensions.register()

    def __call__(self, doc: Doc) -> Doc:
        doc._.actors = ActorFinder(doc).run()
        return doc
