"""Which Cypher a read-only query may run: an allow-list over the tokenized query.

A keyword search over the raw text cannot tell ``RETURN n.title AS copy``
from ``COPY (...) TO 'file'``, and misses what reads files without writing
(``CALL READ_CSV(...)``, ``LOAD FROM``). :func:`check_query` therefore reads
the query as tokens (strings, comments, backquoted names and parameters are
never keywords), works out which words stand where a clause can start, and
then applies three rules:

* clauses that change the database (``CREATE``, ``SET``, ``MERGE``, ...) need
  ``write=True``;
* clauses that reach outside the database (``COPY``, ``LOAD``, ``ATTACH``,
  ``INSTALL``, ``IMPORT``/``EXPORT DATABASE``, ``USE``, ...) and functions that
  read files (``READ_CSV``, ``READ_PARQUET``, ``READ_NPY``, ``READ_JSON``, ...)
  are refused whatever ``write`` says: a query never touches files;
* ``CALL`` may only name a function of :data:`READ_ONLY_CALLS` (or open a
  ``CALL { ... }`` subquery, whose clauses obey the same rules);
* ``BEGIN``, ``COMMIT`` and ``ROLLBACK`` are refused whatever ``write`` says: the
  stores run each query in a transaction of their own.

The last two rules hold wherever the word stands unless it is plainly a name
(``n.copy``, ``:Load``, ``{copy: 1}``, ``AS copy``): refusing a strange read
costs little, running ``COPY ... TO`` costs a file.

The checks run before the query reaches the database, so a query that would
crash it (some file readers do) is refused with a :class:`QueryError` instead.
So is a query the database's parser would crash on or cannot take: brackets
nested more than :data:`MAX_NESTING` deep or a longer run of ``NOT``/``-``/``+``
(the embedded store's parser recurses on them and dies with a segmentation fault
some hundreds of levels down), an expression chaining more than :data:`MAX_CHAIN`
operators at one bracket level (``1+1+...``, ``a OR b OR ...``: the parser's time grows
with about the cube of the chain, to a minute at 8,000), and text that is not a ``str``
or holds an unpaired surrogate (a non-UTF-8 byte in a command-line argument becomes one).
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from .errors import QueryError, unpaired_surrogate

__all__ = ["Token", "tokenize", "check_query", "check_parameters", "find_write_clause", "query_parameters",
           "param_name", "READ_ONLY_CALLS", "MAX_NESTING", "MAX_CHAIN"]

#: Deepest nesting of brackets, and longest run of prefix operators, a query may have (the embedded store's
#: parser crashes the process somewhere between 300 and 600 nested lists; no real query comes near 100).
MAX_NESTING = 100

#: Most operators (``+``, ``*``, ``=``, ``AND``, ``OR``, ...) one expression may chain at one bracket level. The
#: embedded store parses ``1+1+...`` in about a second at 2,000 terms, six at 4,000 and fifty at 8,000 (its time
#: grows with about the cube of the chain); the shipped queries chain at most a handful.
MAX_CHAIN = 500

#: Operator tokens counted by :data:`MAX_CHAIN` (a run of them, as in ``<=`` or ``+ -1``, counts once).
_OPERATOR_PUNCT = frozenset("+-*/%^=<>~")
_OPERATOR_WORDS = frozenset({"AND", "OR", "XOR", "IN", "IS", "CONTAINS", "STARTS", "ENDS"})

#: Tokens that end an expression: a chain counts from the last of them at its bracket level.
_CHAIN_ENDS = frozenset({",", ";", "RETURN", "WITH", "WHERE", "MATCH", "OPTIONAL", "UNWIND", "ORDER", "SKIP",
                         "LIMIT", "YIELD", "UNION", "CALL", "CASE", "WHEN", "THEN", "ELSE", "END"})

#: Functions and procedures ``CALL`` may run on a read-only query (compared case-insensitively).
READ_ONLY_CALLS = frozenset({
    # LadybugDB / Kuzu catalogue functions
    "show_tables", "table_info", "show_connection", "db_version", "current_setting", "show_functions",
    "show_indexes", "show_sequences", "show_macros", "show_attached_databases", "show_loaded_extensions",
    "show_official_extensions", "show_projected_graphs", "storage_info", "stats_info", "show_warnings",
    # Neo4j read procedures
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
    "db.schema.nodetypeproperties", "db.schema.reltypeproperties", "db.indexes", "db.constraints",
    "dbms.components", "dbms.listconfig", "db.info",
})

#: Clauses that change the database: allowed only with ``write=True``.
WRITE_CLAUSES = frozenset({
    "CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "ALTER", "FOREACH", "CHECKPOINT",
    "BEGIN", "COMMIT", "ROLLBACK", "TRUNCATE", "INSERT", "UPDATE", "UPSERT",
})

#: Clauses that end or start a transaction: never allowed. The stores run each query in a transaction of their own
#: (a write query is committed when its rows are all read, rolled back when they are stopped): a ``COMMIT`` in the
#: query committed that early, so a stopped query kept its changes, and the store's own commit then said it failed.
TRANSACTION_CLAUSES = frozenset({"BEGIN", "COMMIT", "ROLLBACK"})

#: Clauses that reach files, extensions or other databases: never allowed.
OUTSIDE_CLAUSES = frozenset({
    "COPY", "LOAD", "INSTALL", "UNINSTALL", "ATTACH", "USE", "IMPORT", "EXPORT", "GRANT", "REVOKE",
    "DENY", "TERMINATE", "START", "STOP", "ENABLE", "SHOW",
})

#: Function names that read files (and crash some databases on bad input): never allowed.
_FILE_FUNCTION = re.compile(r"^(read_\w*|load_\w*|glob|nextval|setval"
                            r"|apoc\.(load|import|export|cypher|periodic|do|trigger|systemdb)(\..*)?)$", re.I)

#: Keywords after which a word is an expression, not a clause (``RETURN copy``, ``AS set``).
_EXPRESSION_KEYWORDS = frozenset({
    "RETURN", "WITH", "WHERE", "AND", "OR", "XOR", "NOT", "IN", "IS", "AS", "BY", "DISTINCT", "WHEN",
    "THEN", "ELSE", "CASE", "UNWIND", "CONTAINS", "STARTS", "ENDS", "YIELD", "SKIP", "LIMIT", "ORDER",
    "MATCH", "OPTIONAL",
})

#: One token of Cypher. A ``//`` comment ends at a carriage return as well as a line feed (Neo4j's parser ends it
#: there; read to the line feed, ``// x\rLOAD CSV ...`` hid the clause after it), and a ``$parameter`` name may hold
#: any letter, as the stores' names do (``$année``; an ASCII-only name read ``$é`` as no parameter at all).
_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>//[^\r\n]*|/\*.*?(?:\*/|\Z))
  | (?P<string>'(?:[^'\\]|\\.)*(?:'|\Z)|"(?:[^"\\]|\\.)*(?:"|\Z))
  | (?P<quoted>`(?:[^`]|``)*(?:`|\Z))
  | (?P<param>\$(?:[^\W\d]\w*|`(?:[^`]|``)*`|\d+))
  | (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
  | (?P<word>[^\W\d]\w*)
  | (?P<punct>.)
""", re.VERBOSE | re.DOTALL)


@dataclass(frozen=True, slots=True)
class Token:
    """One token: ``kind`` is word, quoted, string, param, number or punct."""

    kind: str
    text: str
    start: int


def tokenize(cypher: str) -> list[Token]:
    """The tokens of ``cypher`` without whitespace and comments.

    >>> [t.text for t in tokenize("RETURN 'a;b' AS `x` // c")]
    ['RETURN', "'a;b'", 'AS', '`x`']
    """
    out = []
    for match in _TOKEN.finditer(cypher):
        kind = match.lastgroup or "punct"
        if kind not in ("space", "comment"):
            out.append(Token(kind, match.group(), match.start()))
    return out


def _clause_words(tokens: list[Token]) -> Iterator[tuple[int, str]]:
    """``(index, upper-case word)`` of each word that stands where a clause can start."""
    for i, tok in enumerate(tokens):
        if tok.kind != "word":
            continue
        prev = tokens[i - 1] if i else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is not None and nxt.text == ":":  # a map key or a variable with a label
            continue
        if prev is None or prev.text in (";", ")", "]", "}", "{", "|", "*"):
            yield i, tok.text.upper()
        elif prev.kind in ("string", "number", "param", "quoted"):
            yield i, tok.text.upper()
        elif prev.kind == "word" and prev.text.upper() not in _EXPRESSION_KEYWORDS:
            yield i, tok.text.upper()


def _bare_words(tokens: list[Token]) -> Iterator[tuple[int, str]]:
    """``(index, upper-case word)`` of each word that is not plainly a name.

    Stricter than :func:`_clause_words`, for the words whose clause would reach
    outside the database: only a property (``n.copy``), a label (``:Load``), a
    map key or labelled variable (``copy:``) and an alias (``AS copy``, and later
    uses of it outside clause positions) are names.
    """
    declared = {tokens[i + 1].text.upper() for i, tok in enumerate(tokens[:-2])  # AS x, (x:Label), [x:TYPE]
                if tokens[i + 1].kind == "word" and (tok.text.upper() == "AS" or (
                    tok.text in "([" and tokens[i + 2].text == ":"))}
    clauses = dict(_clause_words(tokens))
    for i, tok in enumerate(tokens):
        if tok.kind != "word":
            continue
        prev = tokens[i - 1] if i else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        word = tok.text.upper()
        if i not in clauses and (word in declared or (nxt is not None and nxt.text == ":") or (
                prev is not None and (prev.text in (".", ":") or prev.text.upper() == "AS"))):
            continue
        yield i, word


def _dotted_name(tokens: list[Token], i: int) -> tuple[str, int]:
    """The dotted name starting at ``tokens[i]`` (``db.schema.visualization``) and the index after it."""
    parts = []
    while i < len(tokens) and tokens[i].kind in ("word", "quoted"):
        parts.append(tokens[i].text.strip("`"))
        if i + 1 < len(tokens) and tokens[i + 1].text == "." and i + 2 < len(tokens):
            i += 2
            continue
        i += 1
        break
    return ".".join(parts), i


def _check_call(tokens: list[Token], i: int) -> None:
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is None:
        raise QueryError("query refused: CALL needs a function name")
    if nxt.text == "{" or nxt.text == "(":  # CALL { subquery } or CALL (x) { subquery }
        return
    name, _ = _dotted_name(tokens, i + 1)
    if name.lower() not in READ_ONLY_CALLS:
        raise QueryError(f"query refused: CALL {name} is not one of the read-only functions a query may "
                         f"call ({', '.join(sorted(READ_ONLY_CALLS))})")


def find_write_clause(cypher: str) -> str | None:
    """The first clause of ``cypher`` that writes or reaches outside the database, or None.

    >>> find_write_clause("MATCH (n) RETURN n.title AS copy, n.set")
    >>> find_write_clause("MATCH (n) SET n.x = 1")
    'SET'
    """
    for _, word in _clause_words(tokenize(cypher)):
        if word in WRITE_CLAUSES or word in OUTSIDE_CLAUSES:
            return word
    return None


def check_query(cypher: str, *, write: bool = False) -> None:
    """Refuse ``cypher`` unless it is safe to run; see the module docstring.

    Parameters
    ----------
    cypher
        The query text.
    write
        Allow clauses that change the database (never those that touch files).

    Raises
    ------
    QueryError
        Naming the clause or function that was refused.
    """
    _check_text(cypher)
    tokens = tokenize(cypher)
    _check_nesting(tokens)
    for i, tok in enumerate(tokens):
        if tok.kind in ("word", "quoted") and i + 1 < len(tokens):
            name, after = _dotted_name(tokens, i)
            if after < len(tokens) and tokens[after].text == "(" and _FILE_FUNCTION.match(name):
                raise QueryError(f"query refused: {name}(...) reads or writes outside the graph; "
                                 "queries may not touch files")
    for i, word in _bare_words(tokens):
        if word in OUTSIDE_CLAUSES:
            raise QueryError(f"query refused: {word} reaches outside the graph (files, extensions or other "
                             "databases); queries may not do that")
        if word == "CALL":
            _check_call(tokens, i)
    for _, word in _clause_words(tokens):
        if word in TRANSACTION_CLAUSES:
            raise QueryError(f"query refused: {word} controls the transaction, which graphbuild runs itself (a "
                             "--write query is committed once its rows are all read); leave it out")
        if word in WRITE_CLAUSES and not write:
            raise QueryError(f"query refused: the query writes ({word} ...); pass --write to allow it")


def _check_text(cypher: object) -> None:
    """Refuse a query that is not text, or text no database can be sent (an unpaired surrogate)."""
    if not isinstance(cypher, str):
        raise QueryError(f"query refused: a query is Cypher text (a str), not {type(cypher).__name__}")
    bad = unpaired_surrogate(cypher)
    if bad:
        raise QueryError(f"query refused: the query {bad}")


_INT64 = range(-2**63, 2**63)


def _check_value(where: str, value: object, depth: int = 0) -> None:
    """Refuse a parameter value (``where`` names it) when it, or a value inside it, cannot be sent to a store."""
    if depth > MAX_NESTING:
        raise QueryError(f"{where} is nested more than {MAX_NESTING} deep")
    if isinstance(value, str) and unpaired_surrogate(value):
        raise QueryError(f"{where} {unpaired_surrogate(value)}")
    if isinstance(value, int) and not isinstance(value, bool) and value not in _INT64:
        raise QueryError(f"{where} is a whole number beyond 64 bits ({len(str(abs(value)))} digits); "
                         "pass it as text or as a float")
    if isinstance(value, Mapping):
        for key, inner in value.items():
            if not isinstance(key, str):
                raise QueryError(f"{where} has a map key that is not text ({type(key).__name__})")
            _check_value(where, key, depth + 1)
            _check_value(where, inner, depth + 1)
    elif isinstance(value, (list, tuple)):
        for inner in value:
            _check_value(where, inner, depth + 1)


def _check_nesting(tokens: list[Token]) -> None:
    """Refuse brackets nested, or prefix operators chained, more than :data:`MAX_NESTING` deep, and an
    expression chaining more than :data:`MAX_CHAIN` operators at one bracket level.
    """
    depth = run = 0
    chains = [0]  # operators chained so far at each open bracket level
    for n, tok in enumerate(tokens):
        text = tok.text.upper() if tok.kind == "word" else tok.text
        if text in ("(", "[", "{"):
            depth += 1
            chains.append(0)
        elif text in (")", "]", "}"):
            depth = max(depth - 1, 0)
            if len(chains) > 1:
                chains.pop()
        elif text in _OPERATOR_PUNCT or (tok.kind == "word" and text in _OPERATOR_WORDS):
            if not n or tokens[n - 1].text not in _OPERATOR_PUNCT:
                chains[-1] += 1
        elif text in _CHAIN_ENDS and not (text == "WITH" and n and tokens[n - 1].text.upper() in ("STARTS", "ENDS")):
            chains[-1] = 0
        run = run + 1 if tok.text in ("-", "+") or text == "NOT" else 0
        if depth > MAX_NESTING or run > MAX_NESTING:
            what = "brackets nested" if depth > MAX_NESTING else "operators (NOT, - or +) chained"
            raise QueryError(f"query refused: {what} more than {MAX_NESTING} deep (at character {tok.start + 1}), "
                             "which the database cannot parse; write the query flatter")
        if chains[-1] > MAX_CHAIN:
            raise QueryError(f"query refused: an expression chains more than {MAX_CHAIN} operators (+, AND, OR, "
                             f"= ...; at character {tok.start + 1}), which the database parses too slowly; pass "
                             "the values as a list parameter (x IN $values) or split the expression")


def query_parameters(cypher: str) -> list[str]:
    """Names of the ``$parameters`` ``cypher`` uses, in order of first use.

    >>> query_parameters("MATCH (p {id: $id}) WHERE p.year > $year RETURN '$not' AS x, p.id = $id")
    ['id', 'year']
    """
    names = (param_name(t.text) for t in tokenize(cypher) if t.kind == "param")
    return list(dict.fromkeys(names))


def param_name(token: str) -> str:
    """The name a ``$parameter`` token stands for: ``$`a``b``` is ``a`b``, as Neo4j reads it.

    >>> [param_name(t) for t in ("$id", "$`odd name`", "$`a``b`")]
    ['id', 'odd name', 'a`b']
    """
    name = token[1:]
    return name[1:-1].replace("``", "`") if name.startswith("`") and len(name) > 1 else name


def check_parameters(cypher: str, params: Mapping[str, object] | None) -> None:
    """Refuse a query that uses a ``$name`` no value was given for (it would silently be null), and
    parameters no store can be sent: not a mapping, a name that is not text, text with an unpaired
    surrogate, a whole number beyond 64 bits.

    >>> check_parameters("RETURN $a AS a, '$b' AS b", {"a": 1})
    >>> check_parameters("RETURN $a, $b", {})
    Traceback (most recent call last):
    graphbuild.errors.QueryError: [E200] the query uses $a, $b but no value was given for them (given: none); pass ...
    """
    if params is not None and not isinstance(params, Mapping):
        raise QueryError(f"query parameters are a dict of name -> value, not {type(params).__name__}")
    given = params or {}
    for name, value in given.items():
        if not isinstance(name, str):
            raise QueryError(f"query parameter names are text, not {type(name).__name__} ({name!r})")
        _check_value(f"query parameter ${name}", value)
    missing = [name for name in query_parameters(cypher) if name not in given]
    if missing:
        raise QueryError(f"the query uses ${', $'.join(missing)} but no value was given for "
                         f"{'them' if len(missing) > 1 else 'it'} (given: {', '.join(sorted(given)) or 'none'}); "
                         f"pass --param {param_hint(missing[0])} (params= from Python)")


def param_hint(name: str) -> str:
    """The ``--param`` argument that gives ``name`` a value, quoted for a shell so the hint can be copied as is.

    ``$`a b``` was hinted as ``--param a b=VALUE``, which a shell splits in two; a name the command line would
    read otherwise (edge blanks stripped, outer backquotes removed, a ":" or "=" read as a separator: ``$`a:b```
    was hinted as ``a:b=VALUE``, a value of ``$a`` typed ``b``) is written backquoted, as Cypher writes it.

    >>> [param_hint(n) for n in ("id", "a b", " x", "`q`", "a:b", "a=b")]
    ['id=VALUE', "'a b=VALUE'", "'` x`=VALUE'", "'```q```=VALUE'", "'`a:b`=VALUE'", "'`a=b`=VALUE'"]
    """
    if name != name.strip() or (len(name) > 1 and name[0] == name[-1] == "`") or ":" in name or "=" in name:
        name = "`" + name.replace("`", "``") + "`"
    return shlex.quote(f"{name}=VALUE")
