"""Small typed records passed between graphbuild's stages.

Every stage is a function from records to records; only the readers and the
stores touch files or servers. Records are plain dataclasses so they can be
serialised with :func:`dataclasses.asdict` and rebuilt with ``from_dict``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field, fields, replace
from functools import lru_cache
from typing import Any

__all__ = [
    "parse_year",
    "MAX_NAME_CHARS",
    "too_long",
    "ENTITY_TYPES",
    "SCORED_TYPES",
    "ROLES",
    "Paper",
    "PaperRef",
    "EntityMention",
    "Extraction",
    "Entity",
    "Link",
    "Citation",
    "CachedExtraction",
    "normalize_title",
    "title_key",
    "title_id",
    "arxiv_from_doi",
    "name_key",
    "paper_key",
    "entity_id",
    "author_id",
]

#: Longest name an entity may be given (the longest names and long forms of the gazetteers have some 100
#: characters), by a curation operation or a gazetteer entry: a longer one is a paste gone wrong, which every
#: later line naming it would echo whole.
MAX_NAME_CHARS = 300


def too_long(value: str, longest: int, what: str) -> str:
    """``"is N characters long; WHAT is at most LONGEST"`` where ``value`` (stripped) is longer than ``longest``,
    else ``""``: the one wording of a refused length (a curation operation's fields, a gazetteer entry's names).

    >>> too_long("x" * 1200, 300, "a name")
    'is 1,200 characters long; a name is at most 300'
    """
    size = len(value.strip())
    return f"is {size:,} characters long; {what} is at most {longest:,}" if size > longest else ""

#: Entity types the extractor emits. Only the first three are scored.
ENTITY_TYPES = ("Model", "Method", "Dataset", "Task", "Metric")
SCORED_TYPES = ("Model", "Method", "Dataset")
#: Paper -> entity roles, strongest first (used to pick one role per pair).
ROLES = ("proposes", "evaluates_on", "compares_with", "uses")

#: the year a text starts with: four digits, not the start of a longer number ("20210", a typo, is no year)
#: nor a number with a fraction ("2021.5"; a spreadsheet's whole "2021.0" is still 2021)
_YEAR_PREFIX = re.compile(r"^\s*(\d{4})(?!\d)(?!\.\d*[1-9]\d*\s*$)")
#: arXiv ids since April 2007: YYMM.NNNN to the end of 2014, YYMM.NNNNN from January 2015 on
_ARXIV_NEW = re.compile(r"^((?:0[7-9]|1[0-4])(?:0[1-9]|1[0-2])\.\d{4}"
                        r"|(?:1[5-9]|[2-9]\d)(?:0[1-9]|1[0-2])\.\d{5})([vV]\d+)?$")
#: arXiv ids before April 2007: archive[.SUBJECT-CLASS]/YYMMNNN ("hep-th/9901001", "math.AG/0601001")
_ARXIV_OLD = re.compile(r"^([a-z\-]+)(\.[a-z]{2})?/(\d{7})(?:v\d+)?$", re.I)
#: the archives of the old scheme (closed in 2007): a bare "hep-th/9901001" is an arXiv id, a bare "lab/9901001" not
_ARXIV_ARCHIVES = frozenset(
    "acc-phys adap-org alg-geom ao-sci astro-ph atom-ph bayes-an chao-dyn chem-ph cmp-lg comp-gas cond-mat cs "
    "dg-ga funct-an gr-qc hep-ex hep-lat hep-ph hep-th math math-ph mtrl-th nlin nucl-ex nucl-th patt-sol physics "
    "plasm-ph q-alg q-bio quant-ph solv-int supr-con".split())
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")


def _latin_key(text: str) -> str:
    """The key of Latin-script text: NFKD, case-folded, ASCII letters and digits only (accents dropped)."""
    return re.sub(r"[^0-9a-z]", "", unicodedata.normalize("NFKD", text).casefold())


def _is_latin(char: str) -> bool:
    return char.isascii() or unicodedata.name(char, "").startswith("LATIN") or "\u02b0" <= char <= "\u02ff"


@lru_cache(maxsize=200_000)
def normalize_title(title: str) -> str:
    """Case-fold and keep only letters and digits (the scoring rule for titles).

    A title written mostly in Latin letters keeps its long-standing key: ASCII
    letters and digits after NFKD, accents and other scripts dropped
    (``Café`` gives ``cafe``, ``β-VAE`` gives ``vae``). A title written mostly
    in other scripts (Chinese, Russian, Hindi, ...) would have an empty or
    nearly empty key that way, so its key keeps the letters, digits and marks
    of every script after NFKC and case folding instead.

    >>> normalize_title("BERT: Pre-training of Deep Bidirectional Transformers")
    'bertpretrainingofdeepbidirectionaltransformers'
    >>> normalize_title("Über «Café» Modelle"), normalize_title("β-VAE")
    ('ubercafemodelle', 'vae')
    >>> normalize_title("Трансформеры для текста"), normalize_title("基于BERT的文本分类")
    ('трансформерыдлятекста', '基于bert的文本分类')
    """
    text = title or ""
    if text.isascii():  # every letter Latin: the key the walk below comes to, without its per-character look-ups
        return _latin_key(text)
    letters = [c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c)[0] in "LN"]
    other = sum(1 for c in letters if not _is_latin(c))
    if other * 2 <= len(letters):
        return _latin_key(text)
    out: list[str] = []
    latin = True  # whether the last letter kept was Latin (marks after it are accents)
    for char in unicodedata.normalize("NFKC", text):
        kind = unicodedata.category(char)[0]
        if _is_latin(char):
            out.append(_latin_key(char))
            latin = True
        elif kind in "LN":
            out.append(char.casefold())
            latin = False
        elif kind == "M":
            out.append(_latin_key(char) if latin else char)
    return "".join(out)


#: Greek letters (after NFKD and case folding) spelled in Latin letters, as papers also write them
_GREEK_NAMES = str.maketrans({
    letter: spelled for letters, spelled in (
        ("α", "alpha"), ("β", "beta"), ("γ", "gamma"), ("δ", "delta"), ("ε", "epsilon"), ("ζ", "zeta"),
        ("η", "eta"), ("θ", "theta"), ("ι", "iota"), ("κ", "kappa"), ("λ", "lambda"), ("μ", "mu"), ("ν", "nu"),
        ("ξ", "xi"), ("ο", "omicron"), ("π", "pi"), ("ρ", "rho"), ("σς", "sigma"), ("τ", "tau"),
        ("υ", "upsilon"), ("φ", "phi"), ("χ", "chi"), ("ψ", "psi"), ("ω", "omega"))
    for letter in letters})


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """Comparison key of an entity name: ``Llama-3.1-8B`` and ``llama 3.1 8b`` agree.

    A Greek letter counts as its Latin spelling: ``β-VAE`` is ``beta-VAE``, not
    ``VAE``, and ``μP`` is ``muP``, not ``P``.

    >>> name_key("Llama-3.1-8B") == name_key("llama 3.1 8b") == "llama318b"
    True
    >>> name_key("β-VAE"), name_key("Π-model"), name_key("TD(λ)")
    ('betavae', 'pimodel', 'tdlambda')
    """
    name = name or ""
    if name.isascii():  # (decomposing and case folding an ASCII name are lower-casing it)
        return name.lower().translate(_NOT_IN_KEY)
    text = unicodedata.normalize("NFKD", name).casefold()
    if not text.isascii():
        text = text.translate(_GREEK_NAMES)
    return _NOT_KEY_CHAR.sub("", text)


#: the characters a :func:`name_key` drops, as a pattern and as an ASCII deletion table
_NOT_KEY_CHAR = re.compile(r"[^0-9a-z+]")
_NOT_IN_KEY = dict.fromkeys(i for i in range(128) if _NOT_KEY_CHAR.match(chr(i)))


def clean_doi(doi: str | None) -> str | None:
    if not doi:
        return None
    doi = doi.strip()
    doi = re.sub(r"^((https?://)?(dx\.|www\.)?doi\.org/|doi:\s*)", "", doi, flags=re.I)
    return doi.lower() if _DOI.match(doi) else None


def clean_arxiv(arxiv_id: str | None) -> str | None:
    if not arxiv_id:
        return None
    text = arxiv_id.strip()
    text = re.sub(r"^((https?://)?(www\.|export\.)?arxiv\.org/(abs|pdf)/|arxiv:\s*)", "", text, flags=re.I)
    text = re.sub(r"\.pdf$", "", text)
    m = _ARXIV_NEW.match(text)
    if m:
        return m.group(1)
    m = _ARXIV_OLD.match(text)
    if m:  # written as arXiv writes it: the archive in lower case, a subject class in capitals ("math.AG")
        return m.group(1).lower() + (m.group(2) or "").upper() + "/" + m.group(3)
    return None


def _is_bare_arxiv(text: str) -> bool:
    """Whether ``text``, with no ``arXiv:`` before it, is an arXiv id.

    A new-style one, or an old-style one in a real archive of a month the old scheme ran (August 1991 to March 2007).
    """
    if _ARXIV_NEW.match(text):
        return True
    m = _ARXIV_OLD.match(text)
    if not m or m.group(1).lower() not in _ARXIV_ARCHIVES:
        return False
    yymm = m.group(3)[:4]
    return 1 <= int(yymm[2:]) <= 12 and ("9108" <= yymm <= "9912" or "0001" <= yymm <= "0703")


def paper_key(value: str) -> str:
    """Normalise any paper identifier a user may type or a file may carry.

    ``arXiv:2506.02838v2``, ``https://arxiv.org/abs/2506.02838`` and
    ``2506.02838`` all give ``arxiv:2506.02838``; old-style ids likewise, written as arXiv writes them
    (``HEP-TH/9901001v2`` and ``arXiv:hep-th/9901001`` give ``arxiv:hep-th/9901001``, ``math.ag/0601001``
    gives ``arxiv:math.AG/0601001``); DOIs give ``doi:<lower>``;
    anything else is returned stripped, in Unicode's composed form, NFC (ids graphbuild made are unchanged).

    Examples
    --------
    >>> paper_key("arXiv:2506.02838v2")
    'arxiv:2506.02838'
    >>> paper_key("HEP-TH/9901001v2"), paper_key("arXiv:math.ag/0601001")
    ('arxiv:hep-th/9901001', 'arxiv:math.AG/0601001')
    >>> paper_key("https://doi.org/10.1000/ABC.123")
    'doi:10.1000/abc.123'
    >>> paper_key("my-own-id")
    'my-own-id'
    """
    value = (value or "").strip()
    if re.match(r"^(doi|arxiv|title|s2|openalex|corpus):", value):
        prefix, rest = value.split(":", 1)
        if prefix == "doi":
            aid = arxiv_from_doi(clean_doi(rest))
            return "arxiv:" + aid if aid else "doi:" + (clean_doi(rest) or rest.lower())
        if prefix == "arxiv":
            return "arxiv:" + (clean_arxiv(rest) or rest)
        return value
    lowered = value.lower()
    if lowered.startswith("arxiv:") or "arxiv.org/" in lowered:
        aid = clean_arxiv(value)
        if aid:
            return "arxiv:" + aid
    doi = clean_doi(value)
    if doi:
        aid = arxiv_from_doi(doi)
        return "arxiv:" + aid if aid else "doi:" + doi
    aid = clean_arxiv(value)
    if aid and _is_bare_arxiv(value):
        return "arxiv:" + aid
    return unicodedata.normalize("NFC", value)  # as the readers keep an id: "café" typed NFC or NFD is one


def title_key(title: str) -> str:
    """:func:`normalize_title`, or for a title with no letters or digits at all its folded text."""
    return normalize_title(title) or " ".join(unicodedata.normalize("NFKC", title or "").casefold().split())


def title_id(title: str) -> str:
    """The id of a paper known only by its title: a hash of :func:`title_key`."""
    return "title:" + hashlib.sha1(title_key(title).encode("utf-8", "surrogatepass")).hexdigest()[:16]


_ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$", re.I)


def arxiv_from_doi(doi: str | None) -> str | None:
    """The arXiv id of an arXiv DataCite DOI (``10.48550/arXiv.1412.6980``), else None.

    >>> arxiv_from_doi("10.48550/arXiv.1412.6980"), arxiv_from_doi("10.1000/xyz")
    ('1412.6980', None)
    """
    match = _ARXIV_DOI.match((doi or "").strip())
    return clean_arxiv(match.group(1)) if match else None


def entity_id(key: str) -> str:
    """The node id of the entity with name key ``key``."""
    return "entity:" + key


def author_id(name: str) -> str:
    """The node id of an author: the name NFKC-normalised, whitespace collapsed, case-folded."""
    return "author:" + re.sub(r"\s+", " ", unicodedata.normalize("NFKC", name).strip().casefold())


#: letters with no decomposition into a base letter and a mark, written as readers type them without it
_UNMARKED = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i"})


def folded_name(name: str) -> str:
    """A name as someone types it without its accents, in lower case: what an author search compares
    ("Jörg Müller" and "Łukasz Kaiser": "jorg muller", "lukasz kaiser").

    >>> folded_name("Jörg  Müller"), folded_name("Łukasz Kaiser"), folded_name("Søren Hauberg")
    ('jorg muller', 'lukasz kaiser', 'soren hauberg')
    """
    decomposed = unicodedata.normalize("NFKD", name.strip().casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_UNMARKED)
    return re.sub(r"\s+", " ", bare)


@dataclass(frozen=True, slots=True)
class PaperRef:
    """A reference to a paper that may or may not be in the corpus."""

    doi: str | None = None
    arxiv_id: str | None = None
    ids: tuple[tuple[str, str], ...] = ()  # other ids: ("s2", "abc"), ("openalex", "W1")
    title: str | None = None
    year: int | None = None

    def __post_init__(self) -> None:
        aid = arxiv_from_doi(clean_doi(self.doi))
        if aid:  # an arXiv DataCite DOI names the preprint: keep it as the arXiv id
            object.__setattr__(self, "arxiv_id", self.arxiv_id or aid)
            object.__setattr__(self, "doi", None)

    @property
    def id(self) -> str:
        """The paper's node id: its DOI, else its arXiv id, else another known id, else one made from the title."""
        if self.doi:
            return "doi:" + self.doi
        if self.arxiv_id:
            return "arxiv:" + self.arxiv_id
        if self.ids:
            k, v = self.ids[0]
            return paper_key(f"{k}:{v}")
        if self.title:
            return title_id(self.title)
        raise ValueError("a reference needs a DOI, an arXiv id, another id or a title")

    @classmethod
    def from_value(cls, value: Any) -> PaperRef:
        """Build from a string id/DOI/arXiv id/title or a dict with such fields."""
        if isinstance(value, dict):
            ids = tuple(
                (k, str(v)) for k, v in value.items()
                if k in ("s2", "openalex", "corpus", "id") and v
            )
            ids = tuple(("id" if k == "id" else k, v) for k, v in ids)
            ref = cls(
                doi=clean_doi(value.get("doi")),
                arxiv_id=clean_arxiv(value.get("arxiv_id") or value.get("arxiv")),
                ids=tuple((k, v) for k, v in ids if k != "id"),
                title=value.get("title") or None,
                year=parse_year(value.get("year")),
            )
            if not (ref.doi or ref.arxiv_id or ref.ids or ref.title) and value.get("id"):
                return cls.from_value(str(value["id"]))
            if value.get("id") and not (ref.doi or ref.arxiv_id):
                key = paper_key(str(value["id"]))
                if key.startswith("doi:"):
                    ref = replace(ref, doi=key[4:])
                elif key.startswith("arxiv:"):
                    ref = replace(ref, arxiv_id=key[6:])
                elif ":" in key:
                    k, v = key.split(":", 1)
                    ref = replace(ref, ids=ref.ids + ((k, v),))
                else:
                    ref = replace(ref, ids=ref.ids + (("id", key),))
            return ref
        text = str(value).strip()
        key = paper_key(text)
        if key.startswith("doi:"):
            return cls(doi=key[4:])
        if key.startswith("arxiv:"):
            return cls(arxiv_id=key[6:])
        if re.match(r"^(title|s2|openalex|corpus):", key):
            k, v = key.split(":", 1)
            return cls(ids=((k, v),))
        if " " in text and len(text) > 15:
            return cls(title=text)
        return cls(ids=(("id", text),))


def parse_year(value: Any) -> int | None:
    """The year in ``value``: an int from 1000 to 9999, or text (a whole float, a date) that starts with one.

    The one year parser of graphbuild: metadata records, reference lists,
    graph node properties and pages all read years with it.

    Examples
    --------
    >>> parse_year(2021), parse_year("2021-05-03"), parse_year(" 2019"), parse_year(2020.0)
    (2021, 2021, 2019, 2020)
    >>> parse_year(None), parse_year(""), parse_year("n.d."), parse_year(True), parse_year(12), parse_year("20210")
    (None, None, None, None, None, None)
    >>> parse_year("2021.5"), parse_year(2021.5), parse_year("2021.0")  # a year with a fraction is no year
    (None, None, 2021)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 1000 <= value <= 9999 else None
    m = _YEAR_PREFIX.match(str(value if value is not None else ""))
    return int(m.group(1)) if m else None


@dataclass(slots=True)
class Paper:
    """One paper as read from an input file (or a reference stub, ``external``)."""

    title: str
    abstract: str = ""
    authors: tuple[str, ...] = ()
    n_authors: int | None = None
    year: int | None = None
    date: str | None = None  # ISO 8601 when known: YYYY-MM-DD, or YYYY-MM when the record gives no day
    venue: str | None = None
    doi: str | None = None
    arxiv_id: str | None = None
    url: str | None = None
    ids: tuple[tuple[str, str], ...] = ()  # other identifiers: ("s2", ..), ("openalex", ..), ("id", ..)
    references: tuple[PaperRef, ...] = ()
    external: bool = False
    source: str | None = None  # "file:line" of the record it came from
    id: str = ""

    def __post_init__(self) -> None:
        self.doi = clean_doi(self.doi)
        self.arxiv_id = clean_arxiv(self.arxiv_id)
        aid = arxiv_from_doi(self.doi)
        if aid:  # an arXiv DataCite DOI names the preprint: keep it as the arXiv id
            self.arxiv_id, self.doi = self.arxiv_id or aid, None
        if not self.id:
            self.id = self.default_id()

    def default_id(self) -> str:
        """Stable id: DOI, else arXiv id, else a user-given id, else a title hash."""
        if self.doi:
            return "doi:" + self.doi
        if self.arxiv_id:
            return "arxiv:" + self.arxiv_id
        for kind, value in self.ids:
            if kind == "id":
                return paper_key(value)
        for kind, value in self.ids:
            return f"{kind}:{value}"
        if not self.title:
            raise ValueError("a paper needs a title, a DOI or an arXiv id")
        return title_id(self.title)

    @property
    def text(self) -> str:
        """The text the NLP pass reads: title, blank line, abstract."""
        return f"{self.title}\n\n{self.abstract}" if self.abstract else self.title

    def ref(self) -> PaperRef:
        """The paper as a reference (its ids, title and year)."""
        return PaperRef(doi=self.doi, arxiv_id=self.arxiv_id, ids=self.ids, title=self.title, year=self.year)

    def to_dict(self) -> dict[str, Any]:
        """The paper as a JSON-ready dict."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Paper:
        """A paper from :meth:`to_dict` output; unknown keys are ignored."""
        names = {f.name for f in fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in names}
        kwargs["authors"] = tuple(kwargs.get("authors") or ())
        kwargs["ids"] = tuple(tuple(x) for x in kwargs.get("ids") or ())
        kwargs["references"] = tuple(
            PaperRef(**{**r, "ids": tuple(tuple(x) for x in r.get("ids") or ())})
            if isinstance(r, dict) else r
            for r in kwargs.get("references") or ()
        )
        return cls(**kwargs)


@dataclass(slots=True)
class EntityMention:
    """One entity as it appears in one paper (the unit of ANNOTATION.md)."""

    name: str
    type: str
    mentions: list[str]
    proposed: bool = False
    role: str = "uses"
    evidence: str = ""
    start: int = 0
    end: int = 0
    canonical: str | None = None  # gazetteer canonical name when known
    family: str | None = None  # family name for a version/size variant

    def to_dict(self) -> dict[str, Any]:
        """The entity as a JSON-ready dict."""
        return asdict(self)


@dataclass(slots=True)
class Extraction:
    """The NLP pass's output for one paper."""

    paper_id: str
    title: str
    entities: list[EntityMention] = field(default_factory=list)

    def to_annotation(self) -> dict[str, Any]:
        """The JSON object of ANNOTATION.md's prediction format (plus role/evidence)."""
        return {
            "id": self.paper_id,
            "title": self.title,
            "entities": [
                {
                    "name": e.name,
                    "type": e.type,
                    "mentions": e.mentions,
                    "proposed": e.proposed,
                    "role": e.role,
                    "evidence": e.evidence,
                    "start": e.start,
                    "end": e.end,
                    **({"family": e.family} if e.family else {}),
                }
                for e in self.entities
            ],
        }

    def to_dict(self) -> dict[str, Any]:
        """The extraction as a JSON-ready dict."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        """An extraction from :meth:`to_dict` output."""
        return cls(
            paper_id=data["paper_id"],
            title=data["title"],
            entities=[EntityMention(**{k: v for k, v in e.items() if k in _MENTION_FIELDS})
                      for e in data.get("entities", [])],
        )


@dataclass(slots=True)
class Entity:
    """A corpus-level entity: one node per thing across all papers."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    family: str | None = None  # entity id of the family this is a variant of
    paper_count: int = 0
    confidence: float | None = None  # that this is a real entity, in [0, 1] (graphbuild.review)


_MENTION_FIELDS = frozenset(f.name for f in fields(EntityMention))


# ---------------------------------------------------------------------------
# records between the build's stages (see graphbuild.stages)


@dataclass(frozen=True, slots=True)
class Link:
    """A paper's relation to a corpus entity: the strongest role it plays, with evidence.

    ``role`` is one of :data:`ROLES`; it becomes a ``PROPOSES``, ``USES``,
    ``EVALUATES_ON`` or ``COMPARES_WITH`` relationship.
    """

    paper_id: str
    entity_id: str
    role: str
    evidence: str = ""
    char_start: int = 0
    char_end: int = 0
    confidence: float | None = None  # that the paper mentions the entity, in [0, 1]

    def properties(self) -> dict[str, Any]:
        """The relationship's properties."""
        return {"evidence": self.evidence, "char_start": self.char_start, "char_end": self.char_end,
                "confidence": self.confidence}


@dataclass(frozen=True, slots=True)
class Citation:
    """``citing`` cites ``cited``; ``inferred`` ones come from an entity (``via``) the cited paper proposed."""

    citing: str
    cited: str
    inferred: bool = False
    via: str | None = None


@dataclass(frozen=True, slots=True)
class CachedExtraction:
    """An extraction with the key it was computed for (the pipeline fingerprint and the paper's text)."""

    key: str
    extraction: Extraction
