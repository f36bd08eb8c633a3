"""The proposers' fast paths find exactly what the plain regex scans they replace find.

Each fast path (a scan from the heads, from the first words, from the last
words a match can span) is compared with the plain ``finditer`` / ``search``
it stands for, on small hand-made texts with the awkward cases: adjacent
heads, hyphens, the title's end, several matches in a row, cues too far back.
"""

from __future__ import annotations

import gc
import itertools
import random
import re
import string

import pytest
import spacy
from spacy.attrs import ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE
from spacy.tokens import Span
from spacy.util import filter_spans

from graphbuild.nlp import (
    abbreviations,
    decide,
    doc_context,
    entity_types,
    features,
    gazetteer,
    lexicon,
    patterns,
    pipeline,
    proposals,
    roles,
    textclean,
)
from graphbuild.nlp.candidates import Candidate
from graphbuild.records import Paper, name_key

LOWER = [
    "T\n\nwe use beam search sampling and label smoothing here.",
    "T\n\nab learning attention, then x-ray image denoising (self-supervised contrastive learning).",
    "T\n\nfour lower case words before learning and a b c d e f learning",
    "Title on knowledge distillation\n\nknowledge distillation; café learning; deep-learning based pruning",
    "T\n\nlearning learning learning learning",
    "T\n\n(deep metric learning, x.y-z sparse attention,  double  space pruning; \u00e9t\u00e9 low-rank tuning",
]


@pytest.mark.parametrize("text", LOWER)
def test_lower_phrases_from_heads_match_the_full_scan(text):
    title_end = text.find("\n\n")
    plain = [(m.start(), m.end(1), m.end()) for m in patterns._LOWER_PHRASE.finditer(text, title_end)]
    assert patterns._lower_phrase_spans(text, title_end) == plain
    assert plain  # every text has at least one phrase


CUES = [
    "We present Poplar, a new system. We also present Foo (a tool) and renamed Bar, named Baz.",
    "a model dubbed X-1, termed EDTformer for, referred to as the HiPPO matrix; refer to this as Q",
    "We release the ToxicChat benchmark and construct a new large-scale CodeBench dataset.",
    "we call this task arithmetic merging, and we term it soft routing; recalled names",
]


@pytest.mark.parametrize("pattern, literals", [
    (patterns._PRESENTED, patterns._PRESENTING_WORDS), (patterns._CUE, patterns._CUE_WORDS),
    (patterns._MADE_DATASET, patterns._MADE_VERBS), (patterns._LOWER_CUE, patterns._LOWER_CUE_WORDS),
])
def test_cue_patterns_from_their_first_words_match_the_full_scan(pattern, literals):
    found = 0
    for text in CUES:
        plain = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in patterns.matches_from(pattern, text, literals)] == plain
        found += len(plain)
    assert found


AUTHORED = [
    "T\n\nWe train Zorb, a 7B model. This paper presents Quill, a new corpus we built. We pretrain Wren.",
    "T\n\nIn this work we introduce Gale, which we pretrain; we then fine-tune it. This is a model we train.",
    "T\n\nWe pretrain Marlo on web text. This paper introduces Brindle, a simple sampler. We also pretrain Tesk from"
    " scratch, and we curate Orrin, a corpus.",
]


def test_authored_patterns_from_their_shared_starts_match_the_full_scan():
    """The three authored-name patterns of ``_plain_named`` share one search of their first words
    (``literal_starts``); each then finds, with ``matches_at``, what its plain scan finds."""
    found = 0
    for text in AUTHORED:
        starts = lexicon.literal_starts(text, ("We", "we", "This", "this"))
        assert starts == sorted({m.start() for m in re.finditer("(?=We|we|This|this)", text)})
        for pattern in (patterns._AUTHORED_APPOSED, patterns._PRETRAINED_NAME, patterns._PROPOSED_PLAIN):
            plain = [m.span() for m in pattern.finditer(text)]
            assert [m.span() for m in lexicon.matches_at(pattern, text, starts)] == plain
            assert [m.span() for m in lexicon.matches_from(pattern, text, ("We", "we", "This", "this"))] == plain
            found += bool(plain)
    assert found >= 3  # (each pattern matches in some text)


BEFORE = [
    "results on benchmarks such as ", "the strong baseline model (e.g., ", "a new dataset, namely the ",
    "x y z w v u t s the model ", "self-attention ", "odel such as ", "no head here at all ",
    # the last word no cue or article: the search starts at it
    "we evaluate the models) ", "x-models, ", "we trained\n", "encoders: ", "GPT-4 and ", "trained", "", "   ",
    "methods (e.g.,", "such as", "(models ", "of the the ",
    # trailing cues and articles: the search starts at the last other word
    "strong models such as the ", "x y z the a an our ", "the a an our of ", "models, including (e.g., ",
]


@pytest.mark.parametrize("before", BEFORE)
def test_before_head_from_the_last_possible_word_matches_the_full_search(before):
    m = entity_types._BEFORE.search(before)
    assert entity_types._before_head(before) == (m.group("head") if m else None)


def test_our_searches_from_the_last_words_match_the_full_search():
    sentences = ["In this work, our new fast model, called ", "Our state space duality ",
                 "the proposed simple yet strong method ", "our a b c d model ", "we use our data and the model "]
    for before in sentences:
        assert bool(roles._OUR.search(before, roles._tail_from(before, 7))) == bool(roles._OUR.search(before))
        assert (bool(roles._OUR_NAME_BEFORE.search(before, roles._tail_from(before, 3)))
                == bool(roles._OUR_NAME_BEFORE.search(before)))


def test_our_cue_within_the_last_seven_words_holds_wherever_our_matches():
    """``_proposed_here`` tries ``_OUR`` and ``_OUR_NAME_BEFORE`` only where a cue word (``_OUR_WORDS``) lies
    within the last seven words: every match of either holds one there.
    """
    sentences = ["In this work, our new fast model, called ", "Our state space duality ",
                 "the proposed simple yet strong method ", "our a b c d model ", "we use our data and the model ",
                 "Here the learned reward model, named ", "our data is large; we then train the resulting model ",
                 "The proposed x y z framework ", "Our ", "our final \u201c", "in our view a b c d e f g our new ",
                 "pour new method ", "This new a b c benchmark, termed ", "four new model "]
    for before in sentences:
        tail = roles._tail_from(before, 7)
        cue = any(before.find(w, tail) >= 0 for w in roles._OUR_WORDS)
        if roles._OUR.search(before, tail) or roles._OUR_NAME_BEFORE.search(before, roles._tail_from(before, 3)):
            assert cue, before
    text = "T\n\nOur new fast model, called Zorb, wins. In our tests a b c d e f g h i the model Quill wins."
    zorb, quill = text.index("Zorb"), text.index("Quill")
    cands = [Candidate(zorb, zorb + 4, "Zorb", "capword", sentence=1),
             Candidate(quill, quill + 5, "Quill", "capword", sentence=2)]
    roles.assign_roles(text, [(0, 1), (3, 41), (42, len(text))], cands, 1)
    assert [c.proposed for c in cands] == [True, False]


PROPOSE = [
    "T\n\nWe propose X. Reproposed Y, proposes Z and the proposal; open-sourced W, we called it V.",
    "T\n\nnamed, renamed, nameless; coined X_train and pretrained Y: training Z dubbed Q",
    "T\n\nPROPOSED Methods Introduce a Term, then construct-ed, constructs",
    "T\n\nby proposing X, introducing Y and designing Z, a model dubbed Q; naming, callings, curating",
]


def test_propose_near_reads_gerunds_and_doubled_forms_but_not_nouns():
    forms = "propose proposed proposing introduces introducing dubbed dubbing named curating trained".split()
    assert all(doc_context._PROPOSE_NEAR.fullmatch(w) for w in forms)
    assert not any(doc_context._PROPOSE_NEAR.fullmatch(w) for w in "proposal training introduction nameless".split())


@pytest.mark.parametrize("text", PROPOSE)
def test_propose_near_at_the_verbs_places_matches_the_slice_search(text):
    context = doc_context.DocContext(text, [(0, len(text))], text.find("\n\n"))
    found = 0
    for lo in range(len(text) + 1):
        for hi in range(lo, min(len(text), lo + 40) + 2, 3):
            plain = doc_context._PROPOSE_NEAR.search(text[lo:hi]) is not None
            assert context.propose_near(lo, hi) == plain, (lo, hi)
            found += plain
    assert found


def test_filtered_token_spans_match_spacy_filter_spans():
    nlp = spacy.blank("en")
    doc = nlp("a b c d e f g h i j")
    spans = [(0, 2, 1), (1, 3, 2), (2, 5, 3), (5, 6, 4), (5, 6, 5), (6, 9, 6), (7, 8, 7), (8, 10, 8), (0, 1, 9)]
    kept = filter_spans([Span(doc, s, e, label=label) for s, e, label in spans])
    assert decide._filtered(spans) == [(s.start, s.end, s.label) for s in kept]
    assert decide._filtered(spans) == [(0, 2, 1), (2, 5, 3), (5, 6, 4), (6, 9, 6)]  # by hand


def _ent_table(doc):
    return doc.to_array([ENT_IOB, ENT_TYPE, ENT_KB_ID, ENT_ID]).tolist()


@pytest.mark.parametrize("ents", [[], [(0, 2, "A")], [(0, 1, "A"), (1, 3, "B"), (3, 4, "B"), (9, 10, "A")],
                                  [(4, 10, "B")], [(2, 3, "A"), (5, 8, "A")]])
def test_set_ents_by_array_matches_spacy_set_ents(ents):
    nlp = spacy.blank("en")
    for earlier in ([], [(1, 2, "X", "kb1", "id1"), (3, 6, "Y", "kb2", "")]):  # fresh, and a doc with entities
        docs = [nlp("a b c d e f g h i j") for _ in range(2)]
        for doc in docs:
            doc.set_ents([Span(doc, s, e, label=label, kb_id=kb, span_id=i) for s, e, label, kb, i in earlier])
        labelled = [(s, e, nlp.vocab.strings.add(label)) for s, e, label in ents]
        docs[0].set_ents([Span(docs[0], s, e, label=label) for s, e, label in labelled], default="outside")
        decide._set_ents(docs[1], labelled)
        assert _ent_table(docs[1]) == _ent_table(docs[0])
        assert [(e.start, e.end, e.label_) for e in docs[1].ents] == [(s, e, label) for s, e, label in ents]


LEFT = ["the model ", "a self-attention-", "x_y9 (", "trained on\n", "ab-- ", "____-a ", "foo--- ", "é-word, ",
        "word\n\n", "end of a long-long-word:  ", "no letters 123 ", "", "a", "9-b ", "pre-\n"]


@pytest.mark.parametrize("window", LEFT)
def test_left_word_from_the_last_run_matches_the_full_search(window):
    for cut in range(len(window) + 1):  # every suffix: the run may start anywhere
        plain = features._LEFT_WORD.search(window[cut:])
        fast = features._left_word(window[cut:])
        assert (plain is None) == (fast is None)
        assert plain is None or (plain.span(), plain.group(1)) == (fast.span(), fast.group(1))


URLS = ["T\n\nCode: https://github.com/owner/FooNet and http://gitlab.com/a/bar-x.git.",
        "T\n\nsee foo.github.io and https://github.com/x/BazLM, github.com/y/QuxNet.",
        "T\n\nno address at all, just github mentioned and a://b",
        "T\n\nhttps://HuggingFace.co/datasets/org/CorpusZ; https://example.org/page",
        "T\n\nKelvin \u212a: https://GITHUB.IO.example and x-y.GitHub.io/z",
        "T\n\ngithub.com/owner then GitHub.com/a/b,github.com/c/d.git gitlab.comgithub.com/e/f\n",
        "T\n\nData: huggingface.co/datasets/org/SetQ and bitbucket.org/team/ToolR."]


@pytest.mark.parametrize("text", URLS)
def test_url_names_from_the_hosts_present_match_the_full_scan(text):
    plain = {name_key(g) for m in doc_context._URL.finditer(text) for g in m.groups() if g} - {""}
    assert doc_context.DocContext(text, [(0, len(text))], text.find("\n\n")).url_names == plain


def test_pipeline_tokenizer_rules_find_nothing_in_a_plain_word():
    tokenizer = pipeline.make_pipeline(proposers_only=True).tokenizer
    prefix, suffix, infix, url = (tokenizer.prefix_search.__self__, tokenizer.suffix_search.__self__,
                                  tokenizer.infix_finditer.__self__, tokenizer.url_match.__self__)
    # every word of up to three ASCII letters (each rule's letters and look-arounds are that short),
    # and longer ones built from the units' and addresses' letters
    short = ["".join(p) for k in (1, 2, 3) for p in itertools.product(string.ascii_letters, repeat=k)]
    longer = ["kmh", "mph", "mbar", "hPa", "localhost", "httpswww", "comorg", "Kelvin", "IEEEdata", "GBs"]
    for word in short + longer:
        assert prefix.search(word) is None and suffix.search(word) is None and url.match(word) is None
        assert next(infix.finditer(word), None) is None
        assert tokenizer.prefix_search(word) is None and tokenizer.suffix_search(word) is None
        assert tokenizer.url_match(word) is None
        assert list(tokenizer.infix_finditer(word)) == []


def test_pipeline_tokenizer_skipping_plain_words_splits_as_its_patterns_do():
    fast = pipeline.make_pipeline(proposers_only=True).tokenizer
    plain = spacy.blank("en").tokenizer
    plain.max_cache_size = fast.max_cache_size
    plain.infix_finditer = fast.infix_finditer.__self__.finditer
    plain.suffix_search = fast.suffix_search.__self__.search  # the English rules and one added here
    assert fast.prefix_search.__self__.pattern == plain.prefix_search.__self__.pattern
    text = ("Title: Café-Net (v2), 3km/h at 25°C!\n\nWe use GTA→Cityscapes and Synthia->Cityscapes, e.g. "
            "ResNet-50's \"top-1\" accuracy (76.1%); see https://github.com/o/FooNet or foo@bar.org. "
            "Plain words only here and UPPER lower Mixed, J. Smith and Llama 3 70B.")
    assert [t.text for t in fast(text)] == [t.text for t in plain(text)]
    assert fast.to_bytes(exclude=["vocab"]) == plain.to_bytes(exclude=["vocab"])


WORDS_BEFORE = ["the long short-term memory ", "Decision Transformer~ ", "a b/c.d+ ", "x  \n", "end.", "", " ",
                "(e.g. GPT-4 ", "été café-net ", "9x a_b-c+  ", "-/. ", "one two\tthree\n"]


@pytest.mark.parametrize("before", WORDS_BEFORE)
def test_word_before_from_the_last_run_matches_the_full_search(before):
    for cut in range(len(before) + 1):
        plain = abbreviations._WORD_BEFORE.search(before[cut:])
        fast = abbreviations._word_before(before[cut:])
        assert (plain is None) == (fast is None)
        assert plain is None or plain.span(1) == fast.span(1)


def _value_or_error(fn, word):
    try:
        return fn(word)
    except Exception as exc:  # noqa: BLE001 - the error is part of what must be equal
        return type(exc)


def test_pipeline_builtin_lexeme_getters_give_spacy_getters_values():
    fast = pipeline.make_pipeline(proposers_only=True).vocab.lex_attr_getters
    plain = spacy.blank("en").vocab.lex_attr_getters
    assert fast.keys() == plain.keys()
    replaced = [attr for attr in plain if type(fast[attr]) is not type(plain[attr])]
    assert len(replaced) >= 15  # the norm, lower, prefix, suffix, the str tests, the punctuation sets
    # every character of the first planes, each with a letter before and after, the norm table's words,
    # and the awkward cases of case and length ("ǅ" is title case, "İ" lower-cases to two characters)
    chars = [chr(i) for i in range(0x3100)] + ["\U0001d400", "\U0001f600"]
    words = (chars + [f"a{c}" for c in chars] + [f"{c}Z" for c in chars]
             + ["", "'s", "’S", "``", "''", "--", "US$", "İstanbul", "ǅemal", "Straße", "１２", "GPT-4", "ResNet",
                "x" * 120, "e.g.", "it’s", "»", "«",
                # numbers, addresses and shapes with runs (the shortcut getters)
                "twenty", "Twentieth", "TWELFTH", "1/2", "+3", "±1,000.5", "3rd", "21st", "~40", "-", "/", "1/2/3",
                "http://x", "https://", "http:/x", "www.", "www.x", "localhost", "a.b", ".com", "x.", "a@b.co", "@",
                "a@b", "user@example.org", "xxxxxxx", "ABCDEFG", "1234567", "-----", "aaaa-----bbbbb", "...\n\n\n\n\n",
                "Xxxxx1111122222", "ǅǅǅǅǅǅ", "ééééééé", "a" * 99, "a" * 100, "$$$", "€5", "£", "!?", "a!"])
    words += list(plain[spacy.attrs.NORM].args[1][0])
    for attr in plain:
        for word in words:
            assert _value_or_error(fast[attr], word) == _value_or_error(plain[attr], word), (attr, word)


def test_pipeline_suffix_search_near_the_end_matches_the_full_search():
    fast = pipeline.make_pipeline(proposers_only=True).tokenizer.suffix_search
    plain = fast.__self__.search
    # letters (an "s" and "S" for "'s"), digits, and every character of the suffix rules' punctuation,
    # quotes, dashes and currencies, in every word of up to three characters
    from spacy.lang.char_classes import LIST_CURRENCY, LIST_ELLIPSES, LIST_PUNCT, LIST_QUOTES
    marks = {c for piece in LIST_PUNCT + LIST_QUOTES + LIST_ELLIPSES + LIST_CURRENCY
             for c in piece.replace("\\", "") if not c.isalnum()}
    alphabet = sorted(marks | set("asSKF0°.%²+-—–'’‘\nlB9") | {"\u00a9", "é"})
    words = ["".join(p) for k in (1, 2, 3) for p in itertools.product(alphabet, repeat=k)]
    words += ["models,", "learning.", "GPT's", "ResNet’s)", "(e.g.", "U.S.", "i.e.,", "25°C.", "3km/h", "x'S.",
              "BERT-Large).", "USA.", "Café.", "“quoted”", "wait...", "a…", "Net™", "tl;dr", "naïve.", "'s's",
              "CIFAR-100", "ImageNet-1K", "near-optimal", "3.5GB", "10km\n", "x.\n", "it's\n", "50.91%.", "1/2",
              "Human3.6M", "25°F", "1bil", "kNN).", "R^2", "OR/MS", "node2vec:", "\\url{x}", "$100", "100$"]
    for word in words:
        m, f = plain(word), fast(word)
        assert (m is None and f is None) or (f is not None and m.span() == f.span()), word


def test_pipeline_suffix_rules_by_last_character():
    rules = ["", ",", r"(?<=[0-9])km", "x|y", r"\.", "…", r"\w"]  # (a blank rule spaCy drops; "x|y$": no $ after x)
    pattern = spacy.util.compile_suffix_regex(rules)
    by_end = pipeline._rules_ending_with(rules, pattern)
    # each character's pattern: the rules that can end with it, in order, with those whose ends are not known
    assert by_end[","].__self__.pattern == r",$|x|y$|\w$"
    assert by_end["m"].__self__.pattern == r"(?<=[0-9])km$|x|y$|\w$"
    assert "\n" not in by_end  # ($ also matches before a final line break)
    for text in _strings(",.km1xy…", 4):
        if text[-1:] in by_end:
            m, f = pattern.search(text), by_end[text[-1]](text)
            assert (m is None and f is None) or (f is not None and m.span() == f.span()), text
    assert pipeline._rules_ending_with([",", "a"], re.compile(",$")) == {}  # rules that did not make the pattern
    assert pipeline._rules_ending_with([",", re.compile("a")], pattern) == {}


def test_pipeline_address_match_skips_a_word_without_a_dot():
    fast = pipeline.make_pipeline(proposers_only=True).tokenizer.url_match
    plain = fast.__self__.match
    words = ["".join(p) for k in (1, 2, 3, 4) for p in itertools.product("a1.:/@-_Z", repeat=k)]
    words += ["near-optimal", "GPT-4", "example.com", "http://x.org/a?b", "user@mail.net", "10.0.0.1", "8.8.8.8",
              "x.y", "localhost:8080", "a@b", "https://github", "www.x.io:8080/a", "e.g"]
    found = 0
    for word in words:
        m, f = plain(word), fast(word)
        assert (m is None and f is None) or (f is not None and m.span() == f.span()), word
        found += m is not None
    assert found and fast("near-optimal") is None
    other = re.compile(r"^\S+:\S+$").match  # (another address pattern: only a plain word is skipped)
    assert pipeline._dotless_skipped(other)("a:b") is not None and pipeline._dotless_skipped(other)("ab") is None


# ---------------------------------------------------------------- fast16: typing, shapes, roles


def _strings(alphabet: str, longest: int) -> list[str]:
    return ["".join(p) for k in range(longest + 1) for p in itertools.product(alphabet, repeat=k)]


def test_shape_type_from_the_endings_matches_the_rules():
    rules = entity_types._SHAPE_RULES
    endings = [e for pattern, _ in rules for e in pattern.pattern[3:-2].split("|") if "\\" not in e]
    names = [f"{lead}{e}{tail}" for e in endings for lead in ("", "X", "x-", "7 ") for tail in ("", "\n", "s", "\n\n")]
    # numbers before B/M/k, dashes, other digits (Arabic-Indic, superscript), newlines, one-letter names
    names += _strings("BMkK-.7 \n٣²a", 3)
    names += ["Llama-2-7B", "GPT 1.5B", "X-12k", "X-12K\n", "Bench-", "-3", "x٣B", "x²B", "7b", "NetX", "LLaMA\n",
              "Qwen2.5", "Data-100", "Set\n", "Toolkit", "VLMEvalKit", "Norm\nX"]
    for name in names:
        plain = next((type_ for pattern, type_ in rules if pattern.search(name)), None)
        assert entity_types._shape_type.__wrapped__(name) == plain, repr(name)


AFTERS = [" model", "'s) -based (ab) model x", ", a new benchmark for", " 7B", "-(7.5M ", " (13B) model", "",
          " --  the big   red model", ": an encoder", " — our x-y z", "s", " (e.g. foo)", "\n7.5B\n", "-3M, a b"]


def test_after_patterns_in_one_match_match_each_pattern():
    after_all = entity_types._AFTER_ALL
    afters = AFTERS + _strings(" (7B,a-'s)", 4)
    for after in afters:
        head, words, size = after_all.match(after).group("head", "words", "size")
        m = entity_types._AFTER.match(after)
        assert head == (m.group("head") if m else None), repr(after)
        m = entity_types._APPOSITIVE.match(after)
        assert words == (m.group("words") if m else None), repr(after)
        assert (size is not None) == bool(entity_types._SIZE_AFTER_NAME.match(after)), repr(after)


def test_eval_prep_from_its_letter_matches_the_word_boundary_pattern():
    plain = re.compile(r"\b(?:on|over)\s+(?:the\s+)?(?:\S*[A-Z0-9]\S*,?\s+(?:and\s+|&\s+)?){0,6}$")
    befores = _strings("on vXr", 5) + ["results on the GLUE, SQuAD and ", "trained over ImageNet ", "moon ",
                                       "_on X ", "é on X ", "on\nX\n", "xon X ", "-on A & B "]
    for before in befores:
        assert bool(entity_types._EVAL_PREP.search(before)) == bool(plain.search(before)), repr(before)


def test_coordinating_matches_the_coordination_pattern():
    pieces = [" ", ",", "and", "or", "&", "/", "→", "->", "-to-", "\n", "\u00a0", "x", "-", "a", "nd", "\t"]
    for k in range(1, 5):
        for parts in itertools.product(pieces, repeat=k):
            gap = "".join(parts)
            assert entity_types._coordinating(gap) == bool(entity_types._COORD.match(gap)), repr(gap)


def test_capital_run_from_the_first_lower_case_letter_matches_the_plain_run():
    word = r"[A-Z](?:[A-Za-z0-9'’]*[a-z][A-Za-z0-9'’]*|[A-Za-z0-9]*-[A-Za-z0-9-]*[A-Za-z0-9])"
    plain = re.compile(rf"[A-Z](?<![\w-][A-Z]){word[5:]}(?: {word})+(?![\w-])")
    texts = _strings("Aa'- ", 6) + [
        "We use Long Range Arena and In-The-Wild Jailbreak Prompts, then LoRA's Big Model'-x Foo’s Bar-",
        "GPT-4 Turbo A-B C'D'e Ef'-g Hh Ii- Jj KkK LL Mm0 9N Oo’"]
    for text in texts:
        fast = [m.span() for m in patterns._CAPITAL_RUN.finditer(text)]
        assert fast == [m.span() for m in plain.finditer(text)], repr(text)


def test_chunk_shaped_matches_the_chunk_pattern():
    chunks = _strings("Aa1-+ ", 4) + ["ToxicChat", "p-Tuning", "Adam++", "(GPT-4)", "e.g.", "x\u00a0Y", "ab-C\n",
                                       "٣D", "ÉÉ", "aÉ", "x-é", "GPT-4\t"]
    for chunk in chunks:
        assert patterns._chunk_shaped(chunk) == bool(patterns._CHUNK.fullmatch(chunk)), repr(chunk)


def test_word_start_modifier_matches_the_scan_and_the_modifier_pattern():
    texts = ["deep metric learning", "x.y-z sparse", "a  b", "été low-rank", "_ab-c9 d", "9x Ab-cd", "-ab cd"]
    texts += _strings("a-_ 9.", 4)
    for text in texts:
        for end in range(len(text) + 1):
            j = end - 1
            while j >= 0 and (text[j].isalnum() or text[j] in "_-"):
                j -= 1
            modifier = bool(patterns._MODIFIER_WORD.fullmatch(text, j + 1, end))
            assert patterns._word_start_modifier(text, end) == (j + 1, modifier), (text, end)


def test_propose_with_its_subjects_spelled_out_matches_the_plain_pattern():
    plain = re.compile(roles._PROPOSE_PLAIN)
    texts = ["We propose X and we also introduce Y; this paper presents Z, and build W.",
             "Here we newly design a model; our work further develops it; us to create, and proposes to use it.",
             "awe propose; subwork introduces; Heresy presents; andbuild; bus to create; we  proposed; We\nbuilds",
             "the study first releases data, this article now curates; report contributes; here formulate",
             "we propose to do X, we proposes, we open-source the code, We Propose"]
    for text in texts:
        for cut in range(len(text) + 1):
            before = text[:cut]
            fast = [m.span() for m in roles._PROPOSE.finditer(before)]
            assert fast == [m.span() for m in plain.finditer(before)], repr(before)


def test_word_boundary_searches_from_first_letters_match_the_plain_patterns():
    from graphbuild.nlp import proposals
    from graphbuild.nlp.lexicon import INTRODUCING_VERBS

    kinds = (r"(?:techniques|mechanisms|modules|components|strategies|methods|optimi[sz]ations|losses|objectives|"
             r"designs|schemes|innovations|improvements|blocks|layers|operators|algorithms|models|architectures|"
             r"networks|approaches|frameworks|datasets|benchmarks)")
    plain = {
        proposals._CUE: r"\b(?:(?:[Pp]ropos|[Ii]ntroduc|[Dd]esign|[Dd]evis|[Ii]nvent|call|term|dub|coin|nam)"
                        r"(?:e|es|ed|ing|s|d)?|[Nn]ovel)\s+",
        proposals._FIRST_PERSON: r"\b(?:[Ww]e|[Oo]ur|[Tt]his (?:paper|work|study)|[Hh]ere)\b",
        proposals._KINDS_LISTED: r"\b(?:[Pp]ropos|[Ii]ntroduc|[Dd]esign|[Dd]evis|[Dd]evelop|[Pp]resent|[Ii]nvent)\w*\s+"
                                 r"(?:(?:[\w\-]+\s+){0,5}?" + kinds + r"|(?:[\w\-]+\s+){0,2}?(?:two|three|four|five|"
                                 r"several|a few)\s+(?:[\w\-]+\s+){0,3}?[a-z\-]{3,}s)\b[^.;:]{0,100}?"
                                 r"(?::|\bincluding\b|\bnamely\b)\s*",
        roles._OUR: r"\b(?:[Oo]ur|[Tt]he proposed|[Tt]his new)\s+(?:\w+\s+){0,3}?(?:model|models|method|framework|"
                    r"approach|system|dataset|benchmark|algorithm|technique|family|architecture|optimizer)"
                    r"(?:,?\s+(?:called|named|dubbed|termed))?,?\s*$",
        roles._CLAUSE_STOP: r"\b(?:which|that|to|for|in|using|uses|use|with|based on|built on|on top of|via|from|"
                            r"over|than|compared|outperform\w*|leverag\w*|and achieve\w*|where|while|whose|by)\b",
        roles._WE: r"\b(?:we|We|this paper|This paper|this work|This work)\b",
        roles._WE_TRAIN: r"\b[Ww]e\s+(?:\w+ly\s+|then\s+|also\s+)?(?:pre-?)?train\s+(?:the\s+)?$",
        features._WE_MAKE_BEFORE: rf"\b(?:[Ww]e|and)\s+(?:\w+ly\s+)?(?:{INTRODUCING_VERBS}|train)(?:e|s|d|ed|es)?\s+"
                                  r"(?:(?:the|our|a|an)\s+)?$",
    }
    texts = ["Here we Propose a novel Zorbnet; Our new model, called Quux, which we then train the",
             "We introduce two modules: a hop router and a gate. awe propose; Novelty; anovel x; This work uses it",
             "this paper designs three new losses, including A and B; xWe train; we pre-train the; and build the ",
             "The proposed framework named; this new method, dubbed ; subwork; whereby; based on; on top of X",
             "we devise several small blocks namely A; We also train ; Heresy; ourselves; Our x y z model "]
    for pattern, reference in plain.items():
        slow = re.compile(reference)
        for text in texts:
            for cut in range(0, len(text) + 1, 3):
                for start in (0, 1, cut // 2):
                    fast = [m.span() for m in pattern.finditer(text, start, cut)]
                    assert fast == [m.span() for m in slow.finditer(text, start, cut)], (pattern.pattern, text[:cut])


def test_shape_score_tries_a_pattern_wherever_it_can_match():
    words = _strings("aA1-+^I.n\n", 3) + ["non-IID", "FP16", "W8A8", "2D-3D", "English-to-German", "x^2", "~3.5x",
                                           "±2", "≈7B", "٣DSeg", "²x", "IV", "XL", "p-Tuning", "Adam++", "Adam++\n",
                                           "3DSeg-8", "12%", ",5", ".5M", "uint8", "INT4", "BF16\n", "TF32"]
    for word in words:
        first = word[:1]
        if patterns._PREFIXED.match(word):
            assert "a" <= first <= "z", word
        if patterns._PLUSPLUS.match(word):
            assert word.endswith(("++", "++\n")), word
        if patterns._DIGIT_LED.match(word):
            assert first.isdecimal(), word
        if patterns._NUMBERISH.match(word):
            assert first in patterns._NUMBERISH_FIRST or first.isdecimal(), word
        if patterns._ROMAN.match(word):
            assert first in "IVX", word
        if patterns._NOT_NAME.search(word):
            assert first in patterns._NOT_NAME_FIRST or first.isdecimal() or "^" in word or "-to-" in word, word


def test_lower_phrases_skip_the_modifiers_holding_a_stop_word():
    texts = LOWER + ["T\n\nwe use the same quantization and operates at inference, employing positional encoding",
                     "T\n\nx in deep learning, a top down pruning; its own decoding; few shot prompting"]
    for text in texts:
        title_end = text.find("\n\n")
        plain = []
        for m_start, head, m_end in patterns._lower_phrase_spans(text, title_end):
            words = text[m_start:head].split()
            while words and (words[0] in patterns._LOWER_STOP or words[0] in patterns.STOP_WORDS):
                words = words[1:]
            for k in range(len(words), 0, -1):
                mods = words[-k:]
                if any(w in patterns.STOP_WORDS for w in mods) or mods[0] in patterns._LEAD_VERBS:
                    continue
                plain.append((head - len(" ".join(mods)) - 1, m_end))
        assert [(c.start, c.end) for c in patterns._lower_phrases(text, title_end)] == plain


def test_apposed_from_the_commas_matches_the_full_scan():
    texts = ["T\n\nWe propose PTOFA, a Predict-Then-Optimize Fund Allocation framework, an X, the Y",
             "T: x\n\nAb, a Cd, the Ef,  an\nGh, a Foooooooooooo-Bar, a Twelve-chars, a Elevenchars, a x",
             "T\n\n(ResNet-50, a b), x.Y, a z; éB, a c; _Q, the r; A-B, an c; Ab,a x; Ab, anx Ab, the\tx",
             "Title, a b\n\nX, a"]
    texts += _strings("Ab-, a", 6)
    for text in texts:
        for title_end in {0, text.find("\n\n") + 1, 3}:
            fast = [m.span() for m in abbreviations._apposed(text, title_end)]
            assert fast == [m.span() for m in abbreviations._APPOSED.finditer(text, title_end)], (text, title_end)


# ---------------------------------------------------------------- fast15: the decision's features


def test_features_letter_cases_and_tail_match_the_plain_tests():
    # every name of up to four characters over capitals, lower case, a digit, a hyphen, white space
    # (\x1c is white space to str.split and to the pattern), letters without case and the odd
    # case-folding ones, then the names the shapes meet
    alphabet = "aZ1- \x1cé\u00c9\u01c5\u0131\u017f\u212a\u4e2d+"
    names = ["".join(p) for k in range(5) for p in itertools.product(alphabet, repeat=k)]
    names += ["GPT-4", "ResNet-50", "BERT", "bert", "Long Short-Term Memory", "x-Ray ", "ǅemal", "İstanbul",
              "Straße", "PaLM 540B", "ip-NSW", "été", "ÉTÉ", "ÉTÉ-2", "中文-BERT"]
    found = [0, 0, 0]
    for name in names:
        letters = [ch for ch in name if ch.isalpha()]
        upper = bool(letters) and all(ch.isupper() for ch in letters)
        lower = not upper and bool(letters) and all(ch.islower() for ch in letters)
        assert features._letter_cases(name) == (upper, lower), name
        assert features._tail(name, name.split()) == features._TAIL_SPLIT.split(name)[-1], name
        if upper or lower:  # the inner-capital test is skipped then
            assert patterns.INNER_CAP.search(name) is None, name
        found[0] += upper
        found[1] += lower
        found[2] += patterns.INNER_CAP.search(name) is not None
    assert all(found)


APPOSED = ["a new benchmark, ", "an online algorithm, SwAV, ", "our model, the ", "a novel network, namely “",
           "a new model,\n", "a new model, \n", "a new model,", "a new dataset , called '", "an x, y, ",
           "the model, the ", "A NEW MODEL, THE ", "a new model , dubbed\t", "new, a, b,  termed  ", ", ",
           "a new model, then the ", "our a b c d e model, ", "an idea; the model, it, "]


def test_features_apposed_from_the_last_comma_matches_the_full_search():
    found = 0
    for text in APPOSED:
        for before in (text[cut:] for cut in range(len(text) + 1)):
            plain = features._APPOSED.search(before)
            fast = features._apposed(before)
            assert (plain is None) == (fast is None), before
            assert plain is None or plain.span(1) == fast.span(1)
            found += plain is not None
    assert found >= 10


def test_features_sibling_after_by_its_first_character_matches_the_pattern():
    alphabet = [" ", "\t", "\x1c", "\u2003", ",", "a", "n", "d", "&", "/", "x", "A"]
    afters = ["".join(p) for k in range(5) for p in itertools.product(alphabet, repeat=k)]
    afters += [" and the", ", BERT", " an x", " andromeda", "/ GPT", "  & co", " a", " (", "\n, x"]
    found = 0
    for after in afters:
        plain = bool(features._SIBLING.match(after)) and after.strip()[:1] in (",", "a", "&", "/")
        assert features._sibling_after(after) == plain, repr(after)
        found += plain
    assert found


WE = ["We propose X; ours, hereby here. This paper and this  paper, THIS WORK_x this work9 x_we we",
      "Between them, tower power: therein nowhere, Here! (we) -our- «this work» 1we we1 é-we weé",
      "In this work, ", "Our model we", "here", "w e", "thıs paper, thiſ work and K-we"]


def test_features_we_by_substring_searches_matches_the_pattern():
    found = 0
    for text in WE:
        context = doc_context.DocContext(text, [(0, len(text))], 0)
        for lo in range(len(text) + 1):
            for hi in range(lo, len(text) + 3):
                plain = features._WE.search(text[lo:hi]) is not None
                assert features._we_in(context, lo, hi) == plain, (text, lo, hi)
                found += plain
    assert found
    assert not doc_context.DocContext(WE[-1], [], 0).caseless_safe  # that one takes the pattern


# ---------------------------------------------------------------- fast17: words, name keys


@pytest.mark.parametrize(("pattern", "ends"), [
    (r"a$|b$", {"a", "b"}), (r"(?:ab|c)+$", {"b", "c"}), (r"a(?:b)?$", {"a", "b"}),
    (r"(?<=[0-9])[k-m]\.?$", {"k", "l", "m", "."}),
    (r"x*$", None), (r"(?i)a$", None), (r"[^a]$", None), (r"\w$", None), (r"(a)\1$", None), (r"a|$", None)])
def test_pipeline_ascii_last_characters_of_a_pattern(pattern, ends):
    got = pipeline._ascii_last_characters(re.compile(pattern))
    assert got == (None if ends is None else frozenset(ends))
    if ends is not None:  # no string ending in another ASCII character matches
        for text in _strings("abckm.x1", 3):
            if text[-1:] not in ends:
                assert re.search(pattern, text) is None, text


def test_doc_context_token_taken_possessively_matches_the_backtracking_pattern():
    plain = re.compile(r"[A-Za-z](?<![\w\-][A-Za-z])[A-Za-z0-9]*(?:[\-+.][A-Za-z0-9]+)*(?:\+\+)?")
    # every text of up to five characters over letters, a digit, the inner marks and separators
    texts = _strings("aB1-+._ é", 5)
    texts += ["C++ and C++x, e.g. GPT-3.5-turbo+RLHF. x--y a+-b v1.2.3. Llama-2++ x_y (ResNet-50)."]
    for text in texts:
        assert doc_context._TOKEN.findall(text) == plain.findall(text), text
        for at in range(len(text)):
            m, p = doc_context._TOKEN.match(text, at), plain.match(text, at)
            assert (m and m.span()) == (p and p.span()), (text, at)
    opening = re.compile(rf"[\n.!?:](?:(?<=\n)|(?<=[.!?:])\s\s?)({plain.pattern})")
    for text in _strings("a1-+.\n: ", 5) + _strings("A.!?:\n \t", 6):
        assert sorted(features._opening_tokens(text)) == sorted(opening.findall(text)), text


def test_records_name_key_of_an_ascii_name_matches_the_normalised_pattern():
    import unicodedata

    from graphbuild import records

    def plain(name):  # the normalised pattern, Greek letters spelled (records._GREEK_NAMES)
        text = unicodedata.normalize("NFKD", name or "").casefold().translate(records._GREEK_NAMES)
        return re.sub(r"[^0-9a-z+]", "", text)

    names = [chr(i) for i in range(0x3000)] + _strings("aZ9+-. _", 3)
    names += ["Llama-3.1-8B", "C++", "GPT-4o", "ÉCOLE", "Straße", "ﬁne-tuning", "K-means", "İz", "β-VAE", "µP",
              None, ""]
    for name in names:
        assert records.name_key.__wrapped__(name) == plain(name), name


# ---------------------------------------------------------------- fast18: per-form caches, fewer tries


def test_patterns_inner_cap_from_the_capitals_finds_what_the_letter_scan_finds():
    plain = re.compile(r"[a-z][A-Z]|[A-Z]{2,}[a-z]{2,}")
    names = ["".join(p) for k in range(7) for p in itertools.product("aZé-", repeat=k)]
    names += ["ResNet", "BERTology", "GPT", "iPhone", "SwAV", "ABCdef", "ABc", "Ab", "MLPs", "x-Ray", "ÉTÉé"]
    found = 0
    for name in names:
        assert (patterns.INNER_CAP.search(name) is None) == (plain.search(name) is None), name
        found += patterns.INNER_CAP.search(name) is not None
    assert 0 < found < len(names)


def test_features_variant_stem_by_one_match_is_the_last_separator_cut():
    tail = re.compile(r"[- ](?=\w)")
    names = ["".join(p) for k in range(6) for p in itertools.product("a- _\n9", repeat=k)]
    names += ["GPT-3 13B", "SMR-mini", "SMR Technical Report", "Llama 2-7B ", "x - y", "a-\nb"]
    for name in names:
        cut = max((m.start() for m in tail.finditer(name)), default=-1)
        assert features._variant_stem(name) == (name[:cut] if cut >= 0 else None), name
    assert features._variant_of_strong("GPT-3 13B", {"GPT-3"})
    assert not features._variant_of_strong("SMR Technical Report", {"SMR"})


def test_decide_family_stem_cached_matches_the_pattern():
    from graphbuild.nlp.lexicon import FAMILY_STEM

    for name in ["Quorra-7B", "Quorra 7B", "A-B-C", "Quorra", "-x", "a- b", "Falcon 40B Instruct", ""]:
        m = FAMILY_STEM.match(name)
        assert decide._family_stem(name) == (m.group(1) if m is not None else None), name


BATCH = ["QuillNet: Sparse Routing for Tiny Parsers\n\nWe propose QuillNet, a sparse parser trained on the "
         "Penn Treebank. QuillNet-S beats BERT and label smoothing baselines.",
         "A Study of Beam Search\n\nWe compare beam search with nucleus sampling on WMT14 using a Transformer.",
         "T\n\nno names here at all.",
         "Blorp-7B and Blorp-13B: Open Models\n\nWe release Blorp-7B, Blorp-13B and Blorp-70B, trained with "
         "direct preference optimization (DPO) on ImageNet."]


def _decided(doc):
    return ([(c.start, c.end, c.type, c.proposed, c.role, repr(c.score), c.entity) for c in doc._.gb_candidates],
            [(e.start_char, e.end_char, e.label_, e._.gb_name, e._.gb_proposed, e._.gb_role) for e in doc.ents],
            [(s.start_char, s.end_char, s.label_) for s in doc.spans[decide.SPANS_KEY]])


def test_decide_pipe_scores_a_batch_at_once_as_each_document_alone(monkeypatch):
    nlp = pipeline.make_pipeline()
    comp = nlp.get_pipe("graphbuild_decide")
    alone = [_decided(nlp(text)) for text in BATCH * 2]
    comp.model = comp.model  # a fresh space
    assert [_decided(doc) for doc in nlp.pipe(BATCH * 2, batch_size=3)] == alone
    # a document whose decision fails is reported and keeps its candidates; the others are decided
    real = decide._choose

    def failing(prepared, *args):
        if prepared.context.text.startswith("A Study"):
            raise RuntimeError("boom")
        return real(prepared, *args)

    monkeypatch.setattr(decide, "_choose", failing)
    with pytest.warns(UserWarning, match="graphbuild_decide failed on the document starting 'A Study"):
        docs = list(nlp.pipe(BATCH, batch_size=4))
    assert [_decided(d) for i, d in enumerate(docs) if i != 1] == [alone[0], alone[2], alone[3]]
    assert not docs[1].ents
    # ... and so is one whose inputs cannot be read
    monkeypatch.setattr(decide, "_choose", real)
    inputs = decide._inputs

    def unreadable(doc):
        if doc.text.startswith("T\n"):
            raise ValueError("no sentences")
        return inputs(doc)

    monkeypatch.setattr(decide, "_inputs", unreadable)
    with pytest.warns(UserWarning, match="graphbuild_decide failed on the document starting 'T "):
        docs = list(nlp.pipe(BATCH, batch_size=4))
    assert [_decided(d) for i, d in enumerate(docs) if i != 2] == [alone[0], alone[1], alone[3]]


def test_pipeline_extraction_spares_the_collector_only_while_it_runs():
    papers = [Paper(title="Zorbformer: A Test", abstract="We propose Zorbformer, trained on ImageNet."),
              Paper(title="Another Test", abstract="We fine-tune BERT on SQuAD.")]
    nlp = pipeline.make_pipeline()
    assert gc.get_freeze_count() == 0
    thresholds = gc.get_threshold()
    run = pipeline.extract_papers(papers, nlp)
    first = next(run)
    assert gc.get_freeze_count() > 0  # what was alive at the start is out of the full collections
    assert gc.get_threshold()[0] >= pipeline.YOUNG_COLLECTION  # and young objects are collected less often
    rest = list(run)
    assert gc.get_freeze_count() == 0  # ... and back once the extraction ends
    assert gc.get_threshold() == thresholds
    assert [e.paper_id for e in [first, *rest]] == [p.id for p in papers]
    # closed early, the same
    run = pipeline.extract_papers(papers, nlp)
    next(run)
    run.close()
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == thresholds
    # where objects are frozen already, nothing is frozen or unfrozen
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert len(list(pipeline.extract_papers(papers, nlp))) == 2
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


REPEATS = [
    ("Zorb", "Zorb: a thing\n\nWe use Zorb here."),
    ("Zorb", "Zorb: a thing\n\nZorbNet and Zorbs, not the name."),
    ("Zorb", "Zorb: a thing\n\nZorb"),  # at the text's end
    ("Zorb", "Zorb: x\n\nZorb_x, xZorb, 2Zorb, éZorb, Zorbé, Zorb² and Zorb."),
    ("C++", "C++: x\n\nin C++, C++11 and xC++ y"),
    ("C++", "C++: x\n\nonly C++11"),
    ("+Zorb", "t\n\na+Zorb b"),  # a head opening with no word character: a word character before it
    ("+Zorb", "t\n\na +Zorb b"),
    ("aa", "aa: t\n\naaa aa"),  # overlapping places
    ("aa", "aa: t\n\naaa"),
    ("Mix and Match", "Mix and Match: x\n\nour Mix and Match method"),
    ("Zorb", "t\nZorb"),  # the abstract opens right after the title's end
]


@pytest.mark.parametrize("name,text", REPEATS)
def test_patterns_repeated_is_the_whole_word_search(name, text):
    for title_end in sorted({0, 1, text.find("\n"), text.find("\n") + 1, len(text) - 1, len(text), len(text) + 3}):
        plain = re.search(r"\b" + re.escape(name) + r"\b", text[title_end:]) is not None
        assert patterns._repeated(name, text, title_end) == plain, (name, text, title_end)


COMPONENT_TEXTS = [
    "T\n\nWe add a keyframe anchor loss to the model. A temporal identity loss, computed on pairs, helps.",
    "T\n\nThis addresses drift. ZorbNet adds a trajectory loss\nfor stability. We also add\tan action-chunking head.",
    "T\n\nA learned gate module reduces cost. In addition, a small buffer helps. We further add an anchor bank.",
    "T\n\nWe added a regularizer. Quux also adds a memory bank, and we then add a prior penalty.",
    "T\n\nZorb. An extra head adapter improves recall. Additive noise adds\u00a0a sparse loss.",
]


@pytest.mark.parametrize("text", COMPONENT_TEXTS)
def test_proposals_components_match_the_plain_sentence_scan(text):
    title_end = text.find("\n\n")
    sents = [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.?", text)]
    plain = [(s + m.start(k), s + m.end(k)) for s, e in sents if e > title_end
             for m in proposals._COMPONENT.finditer(text[s:e]) for k in [1 if m.group(1) is not None else 2]]
    assert [(c.start, c.end) for c in proposals.component_candidates(text, title_end, sents)] == plain
    assert plain


PREDECESSOR_WINDOWS = ["its predecessor ", "Its PREDECESSORS ", "our Earlier ", "an extension of the ", "EXTENDS ",
                       "which extending our ", "improves upon ", "Improves on its ", "the successor to ", "prior ",
                       "Original ", "previous\tthe ", "no cue here ", "predeceſſor ", "a predecessor of ", ""]


@pytest.mark.parametrize("window", PREDECESSOR_WINDOWS)
def test_features_predecessor_words_hold_in_every_match(window):
    text = "T\n\n" + window + "Zorb"
    plain = features._PREDECESSOR_BEFORE.search(text, 3, len(text) - 4) is not None
    pre = not window.isascii() or any(w in window.lower() for w in features._PREDECESSOR_WORDS)
    assert pre or not plain


@pytest.mark.parametrize("name", ["Ferrex 3.0", "Ferrex-v3", "Ferrex++", "Ferrex", "3", "v2", "Ferrex 2\n", "Ferrex\n",
                                  "Zorb-٣", "", "Zorb+", "x 1.2.3"])
def test_features_version_family_is_the_trailing_version_cut(name):
    low = name.lower()
    m = features._TRAILING_VERSION.search(low)
    assert features._version_family(name) == (low[:m.start()] if m is not None and m.start() > 0 else None)


def test_proposals_components_need_one_of_the_words_in_the_text():
    # every match holds one of _COMPONENT_WORDS, whatever white space comes before its head ("small\thead")
    text = "T\n\nA small\thead predicts it. Results follow."
    sents = [(0, 1), (3, 29), (30, len(text))]
    assert proposals._COMPONENT.match(text[3:29]) is not None
    assert [c.text for c in proposals.component_candidates(text, 1, sents)] == ["small\thead"]
    # a text with none of the words gives nothing
    assert list(proposals.component_candidates("T\n\nA small cat predicts it.", 1, [(0, 1), (3, 28)])) == []


@pytest.mark.parametrize("stems", [proposals._CUE_STEMS, proposals._PARTICIPLES])
def test_proposals_cue_occurrences_answer_as_the_sentence_substring_tests(stems):
    text = ("T\n\nWe propose Zorb. It was introduced and designed here. Renamed, coined, dubbed; novel terms. "
            "A model is presented. Nothing here. proposed")
    occ = lexicon.occurrences(text, stems)
    for s, e in itertools.combinations(range(len(text) + 1), 2):  # every window, cuts through words included
        assert lexicon.occurs_within(occ, s, e) == any(stem in text[s:e] for stem in stems)


def _random_texts(alphabet: str, n: int, seed: int) -> list[str]:
    import random
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(n)]


def test_abbreviations_coloned_is_the_plain_scan():
    # the scan before each ": " finds what the pattern's scan of the whole text does
    texts = ["T\n\nwe present ZORB: Zero Order Retrieval Bench, and QX-2: Quick Xing.",
             "AB: CD: Ef: G", "A: B", "x-AB: Cd", "é_AB: Cd  ABCDEFGHIJKLM: No ABCDEFGHIJKL: Ok", ": A: ",
             *_random_texts("AB ab:-_é1\n", 20_000, 28)]
    for text in texts:
        for title_end in range(min(len(text), 6) + 1):
            plain = [m.span(1) for m in abbreviations._COLONED.finditer(text, title_end)]
            assert [m.span(1) for m in abbreviations._coloned(text, title_end)] == plain, (text, title_end)


def test_doc_context_url_owners_are_the_plain_scan():
    for text in ["Code: github.com/QuibLabs/Zorb and GITHUB.COM/Other/x", "see gitlab.com/a/b; github.com/c/d",
                 "HuggingFace.co/datasets/org/set, github.com/x/y", "caf\u00e9 github.com/x/y", "GitHub.com/k/z"]:
        lowered = text.lower()
        plain = [m.span(1) for m in doc_context._OWNER.finditer(text)] \
            if any(h in lowered for h in doc_context._HOSTS) else []
        assert doc_context.url_owner_spans(text) == plain


@pytest.mark.parametrize("name", ["NeurIPS 2023", "SaTML'24", "NeurIPS 2023\n", "NeurIPS", "NeurIPS\n\n", "Zorb 7B",
                                  "ICLR-2021", "ICLR ٢٠٢١", "", "2023"])
def test_lexicon_year_test_needs_a_final_digit(name):
    m = lexicon._YEAR_AFTER.search(name)
    assert m is None or name[-1:].isdigit() or name[-1:] == "\n"


@pytest.mark.parametrize("before", ["such as Zorb and", "Zorb,", "Zorb, and", "Zorb or", "Zorb\t,", "Zorb and\n",
                                    "Zorb and\n\n", "Zorb", "the zorb,", "Zorb andy"])
def test_features_capital_before_needs_its_ending(before):
    assert features._CAP_BEFORE.search(before) is None or before.endswith(features._CAP_BEFORE_ENDS)


@pytest.mark.parametrize("acronym", ["PSO", "PSOs", "ABCDEF", "ABCDEFs", "AB", "ABCDEFG", "Pso", "PS0", "ÀBC", "PSO\n"])
def test_gazetteer_acronym_shape_precheck(acronym):
    assert not gazetteer._ACRONYM.fullmatch(acronym) or (2 < len(acronym) < 8 and acronym[:3].isupper())


def test_patterns_released_name_holds_its_verb():
    text = "T\n\nWe release Quillmark to the community. We also open-source Zorbit, a tool."
    names = [c.text for c in patterns.cue_candidates(text, [(0, 1), (3, 43), (44, len(text))]) if c.proposed]
    assert "Quillmark" in names and "Zorbit" in names


@pytest.mark.parametrize("name", ["Wallaby method", "Wallaby models", "Zorb familys", "quib-gram model",
                                  "Zorb corpora", "Zorb-based", "Zorb based", "Zorb model\n", "Zorb\tdataset",
                                  "Zorb  benchmark", "Zorb modelling", "the model", "Zorb", "Zorbmodel",
                                  "Zorb models\n\n", "Zorb+ system"])
def test_pipeline_class_noun_needs_its_ending(name):
    assert pipeline._without_class_noun(name) == pipeline._CLASS_NOUN_AFTER.sub("", name)


@pytest.mark.parametrize("window", ["we build on our new", "the Proposed zorb", "THE PROPOSED ", "a Novel \"",
                                    "this new model ", "a new one two three four ", "the propoſed x ", "our", "Ours ",
                                    "a nov ", "proposed "])
def test_features_our_hint_holds_wherever_the_cue_does(window):
    assert features._OUR_BEFORE.search(window) is None or features._OUR_HINT(window.lower())


@pytest.mark.parametrize("text", ["introduces PAG-a novel decoding", "Zorb-the best", "x-an y", "-a b", "Zorb -a b",
                                  "Zorb-\u00e9-a b", "A-aware", "9-the\tend", "Zorb--a b"])
def test_textclean_dash_before_article_is_the_plain_pattern(text):
    plain = re.compile(r"(?<=[A-Za-z0-9])-(?=(?:a|an|the)\s)")
    assert textclean._DASH_BEFORE_ARTICLE.sub(" ", text) == plain.sub(" ", text)


def test_proposals_joined_names_are_the_plain_pattern():
    plain = re.compile(r"(?<![\w\-+])([A-Z][A-Za-z0-9.]*[A-Za-z0-9])(?:\+|-to-|→|->)([A-Z][A-Za-z0-9\-]*[A-Za-z0-9])"
                       r"(?![\w+])")
    for text in ["RetinaNet+PVT and GTA→Cityscapes", "xRetinaNet+PVT", "-GTA->City", "+Ab+Cd", "Ab+Cd+Ef",
                 "Synthia-to-Cityscapes.", "é Ab-to-Cd", "Ab+Cd+", "AB+CD"]:
        assert [m.span() for m in proposals._JOINED.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("text", [
    "We train a Zorb Quill Network (ZQN) and (a (nested) one) (", "the ZQN (Zorb Quill Network) wins (QN)(RN) ()",
    "(" + "a" * 120 + ") (" + "b" * 121 + ")", "x (ab\ncd) no brackets",
    "We use the Lark Model (LM) and a Segment Zorb Model [SZM] [12] (see [3])."])
def test_abbreviations_round_paren_is_paren_without_brackets(text, monkeypatch):
    plain = [(m.span(), m.groups()) for m in abbreviations._PAREN.finditer(text)]
    if "[" not in text:
        assert [(m.span(), m.groups() + (None,)) for m in abbreviations._ROUND_PAREN.finditer(text)] == plain
    fast = abbreviations.find_abbreviations(text)
    monkeypatch.setattr(abbreviations, "_ROUND_PAREN", abbreviations._PAREN)  # the plain scan everywhere
    assert abbreviations.find_abbreviations(text) == fast


def test_roles_compare_break_is_the_plain_pattern():
    plain = re.compile(r"[;:]|\.(?!\d)|\b(?:we|our|which|that)\b")
    texts = ["than Zorb; we", "by 3.5 points, which", "than Zorb.", "awe ours tour that", "thatch whichever ourselves",
             "x_we _our", "\u00e9we it", "ab:c.d1.", "1.x", "bout"]
    rng = random.Random(7)
    texts += ["".join(rng.choice("wotehaicur;:.1 _\u00e9") for _ in range(rng.randint(0, 24))) for _ in range(5000)]
    for text in texts:
        assert [m.span() for m in roles._COMPARE_BREAK.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("window", ["models such as", "(e.g., Zorb,", "(E.G. Zorb and", "For instance, the",
                                    "Methods LIKE", "including the Zorb, Quill and", "\u017fuch as",
                                    "li\u212ae", "we train", "", "including"])
def test_features_example_hint_holds_wherever_the_cue_does(window):
    assert features._EXAMPLE_BEFORE.search(window) is None or features._example_hint(window)
    assert features._example_hint(window) or features._EXAMPLE_BEFORE.search(window) is None


_EXAMPLE_PIECES = ["such", "uch", "SUCH", " ", " as", "e.g.", "E.G.", "e.g", ",", "for", "For", "like", "ike", "LIKE",
                   "including", "the", "Zorb", " and", " or", " example", " instance", "\u017f", "\u212a", "\n"]


def test_features_example_hint_holds_on_random_windows():
    rng = random.Random(11)
    for _ in range(20000):
        window = "".join(rng.choice(_EXAMPLE_PIECES) for _ in range(rng.randint(0, 12)))
        assert features._EXAMPLE_BEFORE.search(window) is None or features._example_hint(window)


_INSTRUMENT_PIECES = ["instruments", "Telescopes", "SATELLITES", "spectrographs", " such as ", " like ", " including ",
                      "aboard ", "Aboard ", "the ", ",", " ", "Zorb", "\u017fuch", "li\u212ae", "\n", "x"]


def test_lexicon_instrument_before_precheck_holds_against_its_pattern():
    texts = ["instruments such as Zorb-N", "aboard the Zorb orbiter", "telescopes, including the Quill", "no cue Zorb"]
    rng = random.Random(13)
    texts += ["".join(rng.choice(_INSTRUMENT_PIECES) for _ in range(rng.randint(0, 10))) for _ in range(20000)]
    for text in texts:
        for start in {len(text), len(text) // 2, max(0, len(text) - 3)}:
            plain = lexicon._INSTRUMENT_BEFORE.search(text, max(0, start - lexicon._LISTED_REACH), start) is not None
            assert lexicon._instrument_before(text, start) == plain, (text, start)


@pytest.mark.parametrize("text", [
    "Our Zorbix improves recall on three benchmarks.",  # no verb of proposing: "Our Zorbix" is the authors' name
    "We propose a method. Our Zorbix improves recall.",  # a verb of proposing: left to it
    "The proposed Zorbix is fast, and the proposed model trains in an hour.",
    "Four runs occur here with no name at all."])
def test_patterns_our_subject_proposes_test_runs_only_after_a_match(text, monkeypatch):
    fast = [(c.start, c.end, c.proposed) for c in patterns.cue_candidates(text, [(0, len(text))])]
    calls = []
    real = patterns.proposes

    def counted(t):  # the slow whole-text test
        calls.append(t)
        return real(t)

    monkeypatch.setattr(patterns, "proposes", counted)
    assert [(c.start, c.end, c.proposed) for c in patterns.cue_candidates(text, [(0, len(text))])] == fast
    subjects = list(lexicon.matches_from(patterns._OUR_SUBJECT, text, patterns._OUR_SUBJECT_STARTS))
    assert bool(calls) == bool(subjects)
    if text.startswith("Our Zorbix"):
        assert (4, 10, True) in fast


_ALIAS_PIECES = ["Zorb", "Quill Net", "V2R", " (", "(", ", ", ",", "a.k.a", "a.k.a.", "aka", "also known as",
                 "also called", "formerly", "previously", " known as", " called", "or", " for short", ")", " ", ".",
                 "x", "7", "\n"]


def test_abbreviations_alias_cue_is_in_every_alias():
    texts = ["Pardalo (a.k.a. PardNet) wins", "Trevix, also known as TreeMix, wins", "Borrin (formerly CodeBorr)",
             "Hollow Window Attention (or HoWA for short)", "Video-to-Reward Retargeting, or V2R.",
             "the so called Zorb, or the rest"]
    rng = random.Random(17)
    texts += ["".join(rng.choice(_ALIAS_PIECES) for _ in range(rng.randint(0, 12))) for _ in range(30000)]
    for text in texts:
        if abbreviations._ALIAS.search(text) is not None:
            assert abbreviations._ALIAS_CUE.search(text) is not None, text
    assert [p.short for p in abbreviations.find_aliases(texts[0])] == ["PardNet"]


@pytest.mark.parametrize("text", ["Zorbcase 2023 Task 4", "Zorbcase track 2b", "Zorbcase Subtask 12",
                                  "Zorbcase tasks 4", "Zorbcase TASK 4", "Zorbcase task\u00a04", "no shared task here"])
def test_pipeline_task_forms_precheck_holds_against_its_pattern(text):
    if pipeline._TASK_AFTER.search(text) is not None:
        assert "ask " in text or "rack " in text
    member = Candidate(0, 8, "Zorbcase", "gazetteer")
    assert pipeline.task_forms([member], text, []) == (
        [text[:8] + m.group()] if (m := pipeline._TASK_AFTER.match(text, 8)) else [])


_APPOSED_PIECES = [", ", ",", ",\n", " ", "\n", "\t", "named ", "called ", "Zorb", "Zorb-40", "mZorb", "zorb", "that ",
                   "which ", "quickly ", "is", "reaches", "trained", "pass", "The network", "x", "."]


def test_patterns_apposed_acts_scan_is_the_scan_from_each_comma():
    plain = re.compile(patterns._APPOSED_ACTS.pattern.replace(", \\s*", ",\\s+", 1))  # the pattern before
    texts = ["The resulting agent, Zorb, outperforms it", "yields a model,  Zorb-XL, that beats", "a,\nZorb, is"]
    rng = random.Random(19)
    texts += ["".join(rng.choice(_APPOSED_PIECES) for _ in range(rng.randint(0, 14))) for _ in range(20000)]
    for text in texts:
        assert [(m.span(), m.span("name")) for m in patterns._APPOSED_ACTS.finditer(text)] == \
            [(m.span(), m.span("name")) for m in lexicon.matches_from(plain, text, (", ",))], text


@pytest.mark.parametrize("name", ["Ir-Ru-Pt", "Fe-Co-Ni", "B-I-T", "IrRuPt", "Zorb-2", "LiFePO4", "Na+", "CoCa"])
def test_lexicon_alloy_hyphen_precheck(name):
    assert lexicon._alloy(name) == (lexicon._ALLOY.fullmatch(name) is not None
                                    and all(s in lexicon.ELEMENTS for s in name.split("-"))
                                    and any(len(s) == 2 for s in name.split("-")))


_EXAMPLES_PIECES = ["methods", "agent-based", " such as ", " such  as", ", like ", " like", " (e.g., ", "e.g.",
                    " e.g.,",
                    ", including ", "including", "the ", "Zorb", "7", ")", " ", "\n", "-", ",", "(", ".", "\u00e9",
                    "x", "such", "ab_c"]


def test_decide_examples_of_scan_is_the_whole_scan():
    texts = ["provenance systems such as Zorb and QuibSQL", "agent frameworks, including Zorb-Agent, and attacks "
             "(e.g., the Quill)", "no examples here", "", "such as", "x-like like models like Zorb"]
    rng = random.Random(23)
    texts += ["".join(rng.choice(_EXAMPLES_PIECES) for _ in range(rng.randint(0, 16))) for _ in range(30000)]
    for text in texts:
        assert [(m.span(), m.group(1)) for m in decide._examples_of(text)] == \
            [(m.span(), m.group(1)) for m in decide._EXAMPLES_OF.finditer(text)], text


def test_patterns_the_elided_joint_test_is_the_one_pattern_it_replaces():
    """``_elided_joint`` (" -" looked for first, then the dash or the sizes pattern) answers as the single pattern of
    both joints did, on hand-made cases and random strings of the characters that matter."""
    old = re.compile(r"(?:,|and|or) -\w|\d(?:x|×|[BMK])(?:,| and| or) \d")
    cases = ["Zorb-S, -M and -L", "Zorb-220M and -3B", "Zorb 0.5x, 1.0x and 1.5x", "a -b", "7B or 13B", "3B, 7B",
             "x -", "and  -M", "1x,2x", ""]
    rng = random.Random(7)
    cases += ["".join(rng.choice("ab ,-x×BMK1and or0.") for _ in range(rng.randint(0, 20))) for _ in range(20000)]
    for text in cases:
        assert patterns._elided_joint(text) == (old.search(text) is not None), text


_RELEASED_PIECES = ["We ", "we ", "and ", "release ", "released ", "provide ", "packaged ", "collected ", "in ", "as ",
                    "Our ", "our ", "a ", "an ", "the ", "The ", "code", "toolkit", "re-implementation", "scripts",
                    ", ", ",", ".", "; ", " ", "  ", "\n", "zorb", "lowaug", "amt-retol", "x_y2", "Zorb", "evaluation ",
                    "propose ", "carefully ", "barcode", "tool", "-", "7"]


def test_released_matches_are_the_whole_scan():
    """``proposals._released_matches`` (tried after the release verbs, the articles where a kind is followed by a
    comma, and the four words before ", a"/", an"/", our") finds what ``_RELEASED.finditer`` finds, from the text's
    start and from a later position."""
    texts = ["The sweep code is released as optsweep.", "Our evaluation code, lowaug, is public.",
             "amt-retol, our re-scoring script, fixes it; in zorb, a toolkit", "We carefully propose zorbit, a model.",
             "zorb, an evaluation harness", "results collected in zorbset.", "", ", a ", "as"]
    rng = random.Random(31)
    texts += ["".join(rng.choice(_RELEASED_PIECES) for _ in range(rng.randint(0, 18))) for _ in range(30000)]
    found = 0
    for text in texts:
        for pos in (0, 3):
            plain = [(m.span(), m.groups()) for m in proposals._RELEASED.finditer(text, pos)]
            assert [(m.span(), m.groups()) for m in proposals._released_matches(text, pos)] == plain, (text, pos)
            found += len(plain)
    assert found > 200


LEARNING_TEXTS = [
    "we pre-train and pretrained a neural net; fine-tuning, fine-tuned, fine-tunes",
    "relearn retrained attentional deep1b deeply; llms and an llm; language models, a language model",
    "transformers learnt embeddings with classifiers (learners, learning, trainable); attention",
    "no word of it here: a survey of databases and compilers",
    "",
]


@pytest.mark.parametrize("text", LEARNING_TEXTS)
def test_learning_words_from_their_starts_match_the_full_scan(text):
    plain = [m.span() for m in lexicon.LEARNING_WORD.finditer(text)]
    assert [m.span() for m in lexicon.matches_from(lexicon.LEARNING_WORD, text, lexicon.LEARNING_STARTS)] == plain


def test_learning_starts_open_every_alternative():
    # every alternative of the pattern, written out, is found from the literals
    for word in ("neural", "learns", "learnt", "learners", "trainable", "pre-trained", "pretraining", "deep",
                 "transformers", "llms", "embeddings", "classifiers", "fine-tuned", "language models", "attention"):
        text = f"x {word} y"
        assert [m.group() for m in lexicon.matches_from(lexicon.LEARNING_WORD, text, lexicon.LEARNING_STARTS)] \
            == [m.group() for m in lexicon.LEARNING_WORD.finditer(text)] == [word]


@pytest.mark.parametrize("text", [
    "We compare Zorb, Quill and Lark", "with Zorb-7B, Quill 2 &  Lark", "Zorb as well as\nQuill", "Zorb and",
    "such as Zorb, Quill,Lark", "Zorb  or  Quill", "no list before this one", "Zorb,\n", "and Quill", "",
])
def test_list_before_from_its_gap_matches_the_full_search(text):
    for hi in range(len(text) + 1):
        for lo in (0, max(0, hi - 10)):
            plain = features._LIST_BEFORE.search(text, lo, hi)
            fast = features._list_before(text, lo, hi)
            assert (fast and fast.span()) == (plain and plain.span()), (lo, hi)


GENE_WINDOWS = [
    "we find mutations in ", "Overexpression of the ", "KNOCKDOWN OF ", "an eQTL near ", "genes, notably FOXP3 and ",
    "biomarkers such as CD68, ", "proteins including ", "alleles at ", "polymorphisms of the ", "silencing of ",
    "expreſſion of ",  # ("ſ" matches "s" case-insensitively: a window not in ASCII is always searched)
    "\u212aNOCKDOWN of ",  # (the Kelvin sign matches "k")
    "mutations in the model, ", "a genetic algorithm's mutations", "we train Zorb and ", "", "deletion in TP53 or ",
]


@pytest.mark.parametrize("window", GENE_WINDOWS)
def test_gene_cue_test_is_the_search_it_guards(window):
    for k in range(len(window) + 1):
        assert lexicon._gene_cue_before(window[:k]) == (lexicon._GENE_BEFORE.search(window[:k]) is not None), k


def test_gene_cue_parts_hold_every_cue_word():
    for cue in ("mutations in ", "mutated in ", "expression of ", "overexpression of ", "knockdown of ",
                "knockout of ", "deletion of ", "deletions in ", "amplification of ", "silencing of ",
                "polymorphism in ", "polymorphisms of ", "alleles at ", "QTL near ", "eQTLs at ",
                "genes such as ", "markers, like ", "biomarkers including ", "proteins notably "):
        word, rest = cue.split(maxsplit=1)  # (only the cue word is read in any case)
        for window in (cue, f"{word.upper()} {rest}", f"{word.capitalize()} {rest}"):
            assert lexicon._GENE_BEFORE.search(window) is not None and lexicon._gene_cue_before(window), window


@pytest.mark.parametrize("text", [
    "We derive a paired subset, Zorb-Pairs, for testing.", "a regulariser, top-clamp, which bounds the loss",
    "a rule of thumb, eps-fit, which works", "the renamed version of the dev set, Zorb-Blind.",
    "a loss, l-one, l-two and more", "a subset, Zorb, for testing.", "a subset, zorb-, for testing.",
    "a subset, -x, for testing.", "our model, Zorb-7B. ", "",
])
def test_coined_apposed_type_opening_test_keeps_the_scan(text):
    for start in range(len(text) + 1):
        plain = next((patterns._COINED_KINDS[m.group("kind")] for m in patterns._COINED_APPOSED.finditer(
            text, max(0, start - 160), min(len(text), start + 120)) if m.start("name") == start), None)
        assert patterns.coined_apposed_type(text, start) == plain, start


# the cheap tests before a pattern that most names fail (each must hold for every match of its pattern)
_PRETEST_NAMES = ["".join(p) for k in range(6) for p in itertools.product("aB7-+ s\n", repeat=k)] + [
    "NCT04213456", "NCT０４２１３４５６", "ISRCTN12345678", "2020-123456-12", "WASP-39b", "NGC 1068", "GW150914",
    "SN 1987A", "J0437-4715", "CC BY-NC 4.0", "BY-SA", "CC0", "Apache-2.0", "GPLv3", "AGPL-3.0", "LGPL-2.1",
    "MPL 2.0", "EPL-2.0", "BSD-3-Clause", "CreativeML OpenRAIL-M", "OpenRAIL-M", "RAIL-M", "ZorbNet-S", "QX2-S\n",
    "Quorra-7B", "Quorra 7B", "Quorra-mini", "Quorra-S", "Quorra v2", "Quorra-XXL\n", "Quorra++", "Quorra+",
    "v2.0", "3", "Alpha-Beta", "Zorbitron 2600 games", "Zorb Net 7 tasks", "Zorb"]


def test_lexicon_generic_pretests_hold_for_every_match():
    for name in _PRETEST_NAMES:
        digit = not name.isalpha() and any(map(str.isdecimal, name))
        if lexicon._REGISTRATION.fullmatch(name) or lexicon._SKY_OBJECT.fullmatch(name):
            assert digit, name
        if lexicon._LICENCE.fullmatch(name):
            assert name[:1] in lexicon._LICENCE_FIRST, name
        if lexicon._SIZE_S.search(name):
            assert name.endswith(lexicon._SIZE_S_ENDS), name
    # (a full-width digit is a decimal digit to the pattern and to the test)
    for name in ["NCT04213456", "NCT０４２１３４５６", "WASP-39b", "NGC 1068", "CC BY-NC 4.0", "Apache-2.0", "GPLv3",
                 "OpenRAIL-M", "BSD-3-Clause"]:
        assert lexicon.is_generic(name), name
    assert not lexicon.is_generic("ZorbNet-S") and not lexicon.is_generic("QuillNet")


def test_decide_family_pretests_hold_for_every_match():
    for name in _PRETEST_NAMES:
        if decide._SIZED_VARIANT.match(name) or decide._SIZE_ONLY.match(name):
            assert "-" in name or " " in name, name
        if decide._SUCCESSOR.match(name):
            assert "+" in name, name
        ours, plain = decide._size_only(name), decide._SIZE_ONLY.match(name)
        assert (ours and ours.span()) == (plain and plain.span()), name
    cands = [Candidate(0, 6, "Quorra", "shape"), Candidate(10, 18, "Quorra++", "shape"),
             Candidate(20, 29, "Zorb-7B", "shape"), Candidate(30, 39, "Zorb-13B", "shape"),
             Candidate(40, 44, "Zorb", "shape")]
    assert sorted(map(sorted, decide._families(cands, [[0], [1], [2], [3], [4]]))) == [[0, 1], [2, 3]]



def test_extract_papers_skips_the_casing_words_and_extracts_as_extract_with_casing():
    nlp = pipeline.make_pipeline()
    papers = [Paper(title="ZorbRank: passage ranking", abstract="We fine-tune ZorbRank on MS MARCO. It beats BM25."),
              Paper(title="A study", abstract="We compare Quillformer with BERT on SQuAD.")]
    with_casing = list(pipeline.extract_with_casing(papers, nlp))
    assert [e.to_dict() for e in pipeline.extract_papers(papers, nlp)] == [e.to_dict() for e, _ in with_casing]
    # the casing words are still made where they are asked for: each paper's one-word candidates, lower-cased
    assert "zorbrank" in with_casing[0][1] and "quillformer" in with_casing[1][1]
    assert all(words == tuple(sorted(words)) for _, words in with_casing)


def test_patterns_checkpoint_word_part_by_separator_is_the_one_pattern_search():
    texts = ["T\n\nWe tune bert-base-uncased.", "roberta_large", "x.it", "a-it2", "q.xl!", "end-", "end.x", "-_.hf",
             "Zorb-Large", "gpt.chat-", "one-tiny_", "\n-mini\n", "a--base", "..cased", ""]
    rng = random.Random(7)
    pieces = ["-", "_", ".", " ", "a", "b", "x", "l", "it", "hf", "base", "large", "2", "Z", "\n", "é"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(20_000)]
    word_part = re.compile(rf"[-_.](?:{patterns._CHECKPOINT_WORDS})(?![a-z0-9])")  # (one pattern for the three)
    for text in texts:
        assert patterns._has_checkpoint_word_part(text) == (word_part.search(text) is not None), text
