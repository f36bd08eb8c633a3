"""The shipped gazetteer: size, coverage and consistency."""

from __future__ import annotations

import re
from collections import Counter

from graphbuild.nlp.gazetteer import load_gazetteer
from graphbuild.records import name_key


def test_gazetteer_data_size_and_types():
    gaz = load_gazetteer()
    types = Counter(e.type for e in gaz.entries)
    assert len(gaz) >= 1500
    assert types["Model"] >= 500 and types["Method"] >= 500 and types["Dataset"] >= 400
    assert types["Task"] > 0 and types["Metric"] > 0


def test_gazetteer_data_families_resolve_to_entries():
    gaz = load_gazetteer()
    for entry in gaz.entries:
        if entry.family:
            family = gaz.by_key.get(name_key(entry.family))
            assert family is not None, f"{entry.name}: family {entry.family!r} is not an entry"
            assert family.type == entry.type, f"{entry.name} and its family {family.name} differ in type"


def test_gazetteer_data_known_aliases():
    gaz = load_gazetteer()
    for alias, name in [("low-rank adaptation", "LoRA"), ("Vision Transformer", "ViT"),
                        ("Zero Redundancy Optimizer", "ZeRO"), ("MS COCO", "MS COCO")]:
        entry = gaz.lookup(alias)
        assert entry is not None and entry.name == name, (alias, entry)
    llama = gaz.lookup("Llama-3.1-8B")
    assert llama is not None and gaz.family_of(llama).name == "Llama"


#: name keys that are knowingly shared by entries of different types: the exact
#: surface form decides between them (SuperGLUE the benchmark, SuperGlue the matcher; Raft the
#: consensus protocol, RAFT the optical-flow network; LAS the parsing metric and Listen, Attend and Spell, ASR
#: the task and the attack success rate: with two senses the text's words pick one)
CROSS_TYPE_KEYS = {"superglue", "oscar", "sam", "wsd", "raft", "des", "las", "asr"}


def test_gazetteer_data_no_key_names_two_types():
    gaz = load_gazetteer()
    types: dict[str, set[str]] = {}
    for entry in gaz.entries:
        for form in entry.forms():
            types.setdefault(name_key(form), set()).add(entry.type)
    clashes = {key: sorted(kinds) for key, kinds in types.items() if len(kinds) > 1}
    assert set(clashes) <= CROSS_TYPE_KEYS, {k: v for k, v in clashes.items() if k not in CROSS_TYPE_KEYS}


def test_gazetteer_data_no_twin_entries():
    gaz = load_gazetteer()
    counts = Counter(entry.key for entry in gaz.entries)
    twins = sorted(key for key, n in counts.items() if n > 1)
    assert set(twins) <= {"superglue", "oscar", "raft"}, twins


def test_gazetteer_data_every_entry_has_a_key_and_clean_aliases():
    gaz = load_gazetteer()
    for entry in gaz.entries:
        assert entry.key, entry
        assert entry.name == entry.name.strip() and "  " not in entry.name, entry.name
        assert len(set(entry.aliases)) == len(entry.aliases), f"{entry.name}: repeated alias"


def _assert_resolve(expected: list[tuple[str, str, str]]) -> None:
    """Each surface form looks up the entry of that name and type."""
    gaz = load_gazetteer()
    for form, name, type_ in expected:
        entry = gaz.lookup(form)
        assert entry is not None and (entry.name, entry.type) == (name, type_), (form, entry)


def test_gazetteer_data_new_subfields_resolve():
    gaz = load_gazetteer()
    _assert_resolve([
        ("Room-to-Room", "R2R", "Dataset"),
        ("MS MARCO passage", "MS MARCO Passage Ranking", "Dataset"),
        ("TREC-DL-2019", "TREC DL 2019", "Dataset"),
        ("Deep Noise Suppression Challenge", "DNS Challenge", "Dataset"),
        ("Fusion-in-Decoder", "Fusion-in-Decoder", "Model"),
        ("Group Sequence Policy Optimization", "GSPO", "Method"),
        ("Sophia optimizer", "Sophia", "Method"),
        ("Stable Diffusion 1.4", "Stable Diffusion 1.4", "Model"),
    ])
    for variant, root in [("Qwen2.5-1.5B-Instruct", "Qwen"), ("Gemma-2-9B-it", "Gemma"),
                          ("TREC DL 2020", "TREC Deep Learning"), ("YOLOv8n", "YOLO")]:
        entry = gaz.lookup(variant)
        assert entry is not None, variant
        family = gaz.family_of(entry)
        assert family is not None and family.name == root, (variant, family)


def test_gazetteer_data_ordinary_word_names_need_their_exact_form():
    gaz = load_gazetteer()
    # an ordinary phrase or word only matches in the form the entry spells it
    for exact, plain in [("roman-empire", "roman empire"), ("R2R", "room to room"), ("SARAH", "Sarah"),
                         ("NGU", "never give up"), ("HELMET", "Helmet")]:
        assert gaz.lookup(exact) is not None, exact
        assert gaz.lookup(plain) is None, plain


def _gazetteer_hits(text: str) -> list[str]:
    """The spans the shipped gazetteer component alone proposes in ``text``."""
    from graphbuild.nlp.candidates import candidates
    from graphbuild.nlp.pipeline import make_pipeline

    nlp = make_pipeline(proposers_only=True)
    doc = nlp.get_pipe("graphbuild_gazetteer")(nlp.make_doc(text))
    return [c.text for c in candidates(doc) if c.source == "gazetteer"]


def test_gazetteer_data_ordinary_text_matches_nothing():
    text = ("Sarah moved from room to room and would never give up. Free at last, the agent q "
            "decided that this looks like that. Traffic and weather in Texas were mild, so the "
            "prior networks of friends met in the roman empire exhibit under a bright helmet. "
            "Counting stars, we apply a length penalty, a repetition penalty and copy paste.")
    assert _gazetteer_hits(text) == []


def test_gazetteer_data_neighbouring_fields_resolve():
    # classic statistics, databases, privacy, science and remote sensing: long forms and short forms
    _assert_resolve([
        ("TPC-H benchmark", "TPC-H", "Dataset"),
        ("RMI", "Recursive Model Index", "Method"),
        ("Rosenbrock", "Rosenbrock function", "Dataset"),
        ("Horvitz-Thompson", "Horvitz-Thompson estimator", "Method"),
        ("Hawkes processes", "Hawkes process", "Method"),
        ("Infant Health and Development Program", "IHDP", "Dataset"),
        ("SFNO", "Spherical Fourier Neural Operator", "Model"),
        ("JOB-light", "Join Order Benchmark", "Dataset"),
        ("Needleman-Wunsch", "Needleman-Wunsch algorithm", "Method"),
        ("ParT", "Particle Transformer", "Model"),
        ("Indian Pines", "Indian Pines", "Dataset"),
        ("Gaofen Image Dataset", "Gaofen Image Dataset", "Dataset"),
    ])
    gaz = load_gazetteer()
    arc2 = gaz.lookup("ARC-AGI-2")
    assert arc2 is not None and gaz.family_of(arc2).name == "ARC-AGI"


def test_gazetteer_data_word_like_acronyms_need_their_exact_form():
    # an acronym that is an English word once capitalised ("Coma", "Stare") must not match that word
    gaz = load_gazetteer()
    for acronym in ["COMA", "STARE", "CLAM", "COGS", "FOLIO", "MOBIL", "GAZELLE", "CAMEO"]:
        assert gaz.lookup(acronym) is not None, acronym
        assert gaz.lookup(acronym.capitalize()) is None, acronym.capitalize()


def test_gazetteer_data_more_ordinary_text_matches_nothing():
    text = ("Based on the well records, the law school reported that the exchange rate rose. "
            "One fits all, they said, but snakes live under the bootstrap of a boot. "
            "Stare at the Coma ward, Draw the curtains, Behave and Stomp less. Made in Texas, "
            "the Timer and the Monkey will Drain the pool; a Champ keeps the Cogs of the Folio turning.")
    assert _gazetteer_hits(text) == []


def test_gazetteer_data_long_forms_case_and_version_spellings_resolve():
    # acronym <-> long form, the case papers often write, and version spellings ("v1.5")
    _assert_resolve([
        ("Density-Based Spatial Clustering of Applications with Noise", "DBSCAN", "Method"),
        ("Importance Weighted Actor-Learner Architecture", "IMPALA", "Method"),
        ("Variance-Invariance-Covariance Regularization", "VICReg", "Method"),
        ("Receptance Weighted Key Value", "RWKV", "Model"),
        ("Residual Channel Attention Network", "RCAN", "Model"),
        ("Recognising Textual Entailment", "RTE", "Dataset"),
        ("Interactive Emotional Dyadic Motion Capture", "IEMOCAP", "Dataset"),
        ("Imagenet", "ImageNet", "Dataset"),
        ("Deberta", "DeBERTa", "Model"),
        ("Hellaswag", "HellaSwag", "Dataset"),
        ("Stable Diffusion v1.5", "Stable Diffusion 1.5", "Model"),
        ("LLaVA-v1.5", "LLaVA-1.5", "Model"),
        ("Simple Online and Realtime Tracking", "SORT", "Model"),
    ])
    # a translation direction written with "to" ("English-to-German"), for every pair of languages
    hits = _gazetteer_hits("On the WMT 2014 English-to-German task and on WMT16 English-to-Romanian.")
    assert {"WMT 2014 English-to-German", "WMT16 English-to-Romanian"} <= set(hits), hits
    from graphbuild.nlp.gazetteer import _variants
    assert _variants("Cross-Stitch Networks") == {v for v in _variants("Cross-Stitch Networks") if "-to-" not in v}
    hits = _gazetteer_hits("We compare Imagenet features of a Resnet with XGboost and Deep SORT on Nuscenes.")
    assert {"Imagenet", "Resnet", "XGboost", "Deep SORT", "Nuscenes"} <= set(hits), hits  # (overlaps resolve later)


def test_gazetteer_data_new_word_like_names_need_their_exact_form():
    # SORT and Genie are ordinary words in other cases: only the exact form matches
    gaz = load_gazetteer()
    for exact, plain in [("SORT", "Sort"), ("Genie", "genie")]:
        assert gaz.lookup(exact) is not None, exact
        assert gaz.lookup(plain) is None, plain
    assert _gazetteer_hits("Sort the list, then the genie will sort it again.") == []


#: name patterns of entity families whose members share their type (ANNOTATION.md: a benchmark is
#: a Dataset; an algorithm, optimizer, loss, sampler or search is a Method; a named network a Model):
#: (what the family is, a pattern on the entry name, the types its members may have)
FAMILY_TYPES: list[tuple[str, str, set[str]]] = [
    ("benchmarks, arenas and leaderboards", r"(?i)bench|arena|leaderboard", {"Dataset"}),
    ("named datasets, corpora and challenges", r"(?i) (dataset|datasets|corpus|benchmark|challenge|treebank)$",
     {"Dataset"}),
    ("evaluation suites (or the metric an evaluator computes)", r"Eval$", {"Dataset", "Metric"}),
    ("SLAM and odometry systems (or their data and task)", r"SLAM|LOAM|VINS|[Oo]dometry",
     {"Method", "Dataset", "Task"}),
    ("architecture searches", r"(NAS|DARTS)$", {"Method"}),
    ("optimizers", r"optimi[sz]er$|\bSGD|\bAdam", {"Method"}),
    ("losses (or a loss reported as a metric)", r"(?i)\bloss$", {"Method", "Metric"}),
    ("samplers and sampling schemes", r"(?i)sampl(er|ing)$", {"Method"}),
    ("pooling operators", r"Pool$|(?i:pooling)$", {"Method"}),
    ("value-based and model-based RL agents", r"DQN|MuZero|AlphaZero|EfficientZero|^Dreamer", {"Method"}),
    ("Transformer-named architectures", r"(?i)former$|Transformers?$", {"Model"}),
    ("BERT-named encoders", r"BERTa?$", {"Model"}),
    ("translational knowledge-graph embeddings", r"^Trans[A-Z]$", {"Model"}),
    ("neural ranking models", r"KNRM|DSSM|DRMM|PACRR|MatchPyramid|^ARC-II?$", {"Model"}),
    ("learned tokenizers", r"Tokenizer$", {"Model"}),
]

#: members of a family above whose name is borrowed: an adapter (AdaptFormer), a retrieval wrapper
#: for any encoder-decoder (Unlimiformer), an offline RL algorithm (Q-Transformer), an architecture
#: search (Hardware-Aware Transformers) and a keyword-extraction technique (KeyBERT) are Methods
FAMILY_EXCEPTIONS = {"AdaptFormer", "Unlimiformer", "Q-Transformer", "Hardware-Aware Transformers", "KeyBERT"}


def test_gazetteer_data_families_share_a_type():
    # root entries only: a variant takes its root's type (YOLO-NAS is a YOLO model, not a search)
    gaz = load_gazetteer()
    roots = [e for e in gaz.entries if not e.family and e.name not in FAMILY_EXCEPTIONS]
    wrong = []
    for family, pattern, types in FAMILY_TYPES:
        members = [e for e in roots if re.search(pattern, e.name)]
        assert members, family
        wrong += [f"{e.name} ({e.type}): {family}" for e in members if e.type not in types]
    assert not wrong, wrong


def test_gazetteer_data_family_exceptions_are_entries():
    gaz = load_gazetteer()
    for name in FAMILY_EXCEPTIONS:
        entry = gaz.lookup(name)
        assert entry is not None and entry.name == name and entry.type == "Method", (name, entry)


def test_gazetteer_data_one_entry_per_spelling():
    # an entry and its spelling with "dataset" or a plural are one entity: the second spelling is an alias
    _assert_resolve([
        ("WebNLG dataset", "WebNLG", "Dataset"),
        ("LLFF dataset", "LLFF", "Dataset"),
        ("Yelp Open Dataset", "Yelp", "Dataset"),
        ("Kronecker graphs", "Kronecker graph", "Method"),
        ("pointer-generator network", "Pointer-Generator", "Model"),
        ("Latent Consistency Models", "Latent Consistency Model", "Model"),
        ("CIoU loss", "CIoU", "Method"),
        ("NAS-Bench-201", "NAS-Bench-201", "Dataset"),
        ("ORB-SLAM2", "ORB-SLAM2", "Method"),  # (a version: its own entry, of the ORB-SLAM family)
    ])


def test_gazetteer_data_english_word_names_are_ambiguous():
    # names that are ordinary words once a sentence or title capitalises them only match weakly
    gaz = load_gazetteer()
    for word in ["Petals", "Clockwork", "Condenser", "Diffuser", "Magpie", "Nectar", "Halide", "Frozen in Time"]:
        entry = gaz.lookup(word)
        assert entry is not None and entry.ambiguous, word
        assert gaz.lookup(word.lower()) is None, word


#: what a variant adds to its family's name: a version, an edition, a size (ANNOTATION.md: "a version
#: or size variant is its own entity when written that way"); "1" and "v1" often name the family itself
_VARIANT_REST = re.compile(r"(?:v?\d+[a-z]?\d*|xl|xxl|large|base|small|tiny|mini|pro|plus|ultra|lite|beta|alpha|"
                           r"sigma|\d+k)")


def test_gazetteer_data_no_alias_is_a_variant_of_its_entry():
    # "ZeRO-3" as an alias of ZeRO named the stage "ZeRO" and made ZeRO-2 and ZeRO-3 one entity
    gaz = load_gazetteer()
    wrong = []
    for entry in gaz.entries:
        if entry.type not in ("Model", "Method", "Dataset"):
            continue
        for alias in entry.aliases:
            rest = name_key(alias)[len(entry.key):]
            if name_key(alias).startswith(entry.key) and rest not in ("", "1", "v1", "10", "v10") \
                    and _VARIANT_REST.fullmatch(rest):
                wrong.append(f"{entry.name}: {alias}")
    assert not wrong, wrong


def test_gazetteer_data_versions_and_sizes_are_their_own_entries():
    gaz = load_gazetteer()
    for variant, family in [("ZeRO-3", "ZeRO"), ("ZeRO stage 2", "ZeRO"), ("ORB-SLAM3", "ORB-SLAM"),
                            ("Phi-3.5", "Phi-3"), ("VOT2019", "VOT"), ("HAWQ-V3", "HAWQ"),
                            ("StarChat-β", "StarChat"), ("τ²-bench", "tau-bench"), ("β-CROWN", "CROWN")]:
        entry = gaz.lookup(variant)
        assert entry is not None and entry.key != name_key(family), (variant, entry)
        assert entry.family is not None and name_key(entry.family) == name_key(family), (variant, entry)
    # two releases or two models, never one entry
    for a, b in [("Boltz-1", "Boltz-2"), ("Playground v2.5", "Playground v2"), ("UCSD Ped1", "UCSD Ped2"),
                 ("GLM-4", "ChatGLM3"), ("PanGu-α", "PanGu-Sigma"), ("CROWN-IBP", "alpha-CROWN"),
                 ("BSDS500", "BSDS300"), ("i2b2 2010", "i2b2 2014"), ("IBM Model 1", "IBM Model 4")]:
        ea, eb = gaz.lookup(a), gaz.lookup(b)
        assert ea is not None and eb is not None and ea is not eb, (a, b)


def test_gazetteer_data_sizes_with_a_decimal_point_are_not_their_integer_twins():
    # a name key drops the decimal point: OPT-1.3B and OPT-13B share "opt13b"
    gaz = load_gazetteer()
    entry = gaz.lookup("OPT-13B")
    assert entry is not None and entry.name == "OPT-13B"
    assert gaz.lookup("OPT-1.3B") is None or gaz.lookup("OPT-1.3B").name != "OPT-13B"
    assert gaz.lookup("Llama 3.1 8B") is gaz.lookup("Llama-3.1-8B") is not None


#: a parameter or item count ending a sized entry's name: "Falcon2-11B", "WebVid-10M", "Nemotron-4 340B"
_SIZE = re.compile(r"(?<=[\s\-_])\d+(?:\.\d+)?[BMKTbmkt](?![A-Za-z0-9])")
_SEPARATORS = re.compile(r"[\s\-_]+")


def test_gazetteer_data_no_alias_of_a_sized_entry_drops_its_size():
    # "Falcon 2" as an alias of Falcon2-11B named every mention of the family by the 11B model: the
    # family is an entry of its own, the sized one of it (a long form, "ILSVRC-2012", "BLOOM-1b1" stay)
    from graphbuild.nlp.gazetteer import numbers_of

    gaz = load_gazetteer()
    wrong = []
    for entry in gaz.entries:
        size = _SIZE.search(entry.name)
        if size is None:
            continue
        stem = entry.name[:size.start()]
        prefix = name_key(stem)
        for alias in entry.aliases:
            if (prefix and name_key(alias).startswith(prefix)
                    and not Counter(numbers_of(alias)) - Counter(numbers_of(stem))
                    and len(_SEPARATORS.split(alias.strip())) <= len(_SEPARATORS.split(stem.strip(" -_"))) + 1):
                wrong.append(f"{entry.name}: {alias}")
    assert not wrong, wrong
    for family, sized in [("Falcon 2", "Falcon2-11B"), ("GPT-NeoX", "GPT-NeoX-20B"), ("WebVid", "WebVid-10M"),
                          ("Nemotron-4", "Nemotron-4 340B"), ("CodeGen-Mono", "CodeGen-16B")]:
        fam, size_entry = gaz.lookup(family), gaz.lookup(sized)
        assert fam is not None and size_entry is not None and fam is not size_entry, (family, sized)
    assert gaz.lookup("Falcon2-11B").family == "Falcon 2" and gaz.lookup("Falcon 2").family == "Falcon"


def test_gazetteer_data_computing_at_large_resolves():
    # benchmarks, protocols, attacks and analyses of systems, networking, security, PL and SE papers:
    # long forms, acronyms, version spellings and the case papers write
    _assert_resolve([
        ("SPEC CPU 2006", "SPEC CPU2006", "Dataset"),
        ("SPEC2017", "SPEC CPU2017", "Dataset"),
        ("NPB", "NAS Parallel Benchmarks", "Dataset"),
        ("SPLASH2", "SPLASH-2", "Dataset"),
        ("Software-artifact Infrastructure Repository", "Software-artifact Infrastructure Repository", "Dataset"),
        ("Competition on Software Verification", "SV-COMP", "Dataset"),
        ("YCSB workload A", "YCSB-A", "Dataset"),
        ("Practical Byzantine Fault Tolerance", "PBFT", "Method"),
        ("two phase commit", "two-phase commit", "Method"),
        ("FLUSH+RELOAD", "Flush+Reload", "Method"),
        ("Andersen's pointer analysis", "Andersen's analysis", "Method"),
        ("linear scan register allocation", "linear-scan register allocation", "Method"),
        ("Data Center TCP", "DCTCP", "Method"),
        ("TAgged GEometric history length", "TAGE", "Method"),
        ("Egalitarian Paxos", "EPaxos", "Method"),
        ("Raft", "Raft", "Method"),
        ("RAFT", "RAFT", "Model"),
        ("NASA Task Load Index", "NASA-TLX", "Metric"),
    ])
    gaz = load_gazetteer()
    for variant, root in [("SPECint2006", "SPEC CPU"), ("Multi-Paxos", "Paxos"), ("BBRv2", "BBR"), ("YCSB-E", "YCSB")]:
        entry = gaz.lookup(variant)
        assert entry is not None and gaz.family_of(entry) is not None, variant
        assert gaz.family_of(entry).name == root, (variant, gaz.family_of(entry))


def test_gazetteer_data_systems_names_that_are_words_need_their_exact_form():
    # Chord, Pastry, Spanner, Dynamo and Raft name systems only as written; the words match nothing
    gaz = load_gazetteer()
    for exact in ["Chord", "Pastry", "Spanner", "Dynamo", "Raft", "Meltdown", "Tarantula", "Infer"]:
        entry = gaz.lookup(exact)
        assert entry is not None and entry.ambiguous, exact
        assert gaz.lookup(exact.lower()) is None, exact
    text = ("A chord was played while the pastry chef used a spanner on the raft; the dynamo hummed, "
            "a tarantula watched the meltdown, and we infer that the whetstone was blunt.")
    assert _gazetteer_hits(text) == []


def test_gazetteer_data_science_and_medicine_resolve():
    # machine learning in the sciences: proteins, chemistry, materials, genomics, single cell,
    # clinical data, weather and earth observation, astronomy, physics, neuroscience, epidemiology
    _assert_resolve([
        ("D-MPNN", "Chemprop", "Model"),
        ("extended-connectivity fingerprints", "ECFP", "Method"),
        ("Geometric Vector Perceptron", "GVP-GNN", "Model"),
        ("DeePMD", "Deep Potential", "Model"),
        ("Cancer Cell Line Encyclopedia", "Cancer Cell Line Encyclopedia", "Dataset"),
        ("CCLE", "Cancer Cell Line Encyclopedia", "Dataset"),
        ("partition-based graph abstraction", "PAGA", "Method"),
        ("Latent Factor Analysis via Dynamical Systems", "LFADS", "Model"),
        ("Deep Generative Model of Rainfall", "DGMR", "Model"),
        ("Landsat-8", "Landsat 8", "Dataset"),
        ("Zwicky Transient Facility", "Zwicky Transient Facility", "Dataset"),
        ("Bayesian PINN", "B-PINN", "Method"),
        ("Johns Hopkins Turbulence Database", "Johns Hopkins Turbulence Database", "Dataset"),
        ("Oxford COVID-19 Government Response Tracker", "OxCGRT", "Dataset"),
        ("Susceptible-Exposed-Infectious-Recovered", "SEIR model", "Model"),
        ("PDBbind v2020", "PDBbind 2020", "Dataset"),
    ])
    gaz = load_gazetteer()
    for variant, root in [("MetNet-3", "MetNet"), ("PathMNIST", "MedMNIST"), ("AIMNet2", "AIMNet")]:
        entry = gaz.lookup(variant)
        assert entry is not None and gaz.family_of(entry).name == root, (variant, entry)
    # the ordinary-word names only match as their authors spell them
    for exact, plain in [("Harmony", "harmony"), ("Deep Potential", "deep potential"),
                         ("Molecular Transformer", "molecular transformer"), ("THINGS", "things")]:
        assert gaz.lookup(exact) is not None, exact
        assert gaz.lookup(plain) is None, plain


def test_gazetteer_data_speech_rl_recsys_graphs_time_series_resolve():
    # speech and audio, reinforcement learning and robotics, recommendation, graphs, time series,
    # classic ML and pre-LLM NLP: long forms, acronyms and version spellings papers write
    _assert_resolve([
        ("Deep Q-learning from Demonstrations", "DQfD", "Method"),
        ("Model-Free Episodic Control", "Model-Free Episodic Control", "Method"),
        ("Upside-Down Reinforcement Learning", "Upside-Down RL", "Method"),
        ("Leela Chess Zero", "Leela Chess Zero", "Method"),
        ("heads-up no-limit hold'em", "Heads-up No-Limit Texas Hold'em", "Dataset"),
        ("DMControl-GB", "DMC Generalization Benchmark", "Dataset"),
        ("Online Decision Transformer", "Online Decision Transformer", "Model"),
        ("Target-Speaker Voice Activity Detection", "TS-VAD", "Model"),
        ("LibriSpeech-960", "LibriSpeech 960h", "Dataset"),
        ("Berlin Database of Emotional Speech", "EmoDB", "Dataset"),
        ("RADTTS", "RAD-TTS", "Model"),
        ("Deep Autoencoding Gaussian Mixture Model", "DAGMM", "Model"),
        ("NSTransformer", "Non-stationary Transformer", "Model"),
        ("Weighted Alternating Least Squares", "WALS", "Method"),
        ("CoraFull", "Cora-Full", "Dataset"),
        ("Decomposable Attention Model", "DecAtt", "Model"),
        ("Kim CNN", "TextCNN", "Model"),
        ("Yelp-5", "Yelp Review Full", "Dataset"),
        ("IMDB-M", "IMDB-MULTI", "Dataset"),
        ("Obstacle Tower Challenge", "Obstacle Tower", "Dataset"),
        ("Constrained Policy Optimization", "CPO", "Method"),
        ("Dual-Path Transformer", "DPTNet", "Model"),
    ])
    gaz = load_gazetteer()
    for variant, root in [("Translatotron 2", "Translatotron"), ("Deep Voice 3", "Deep Voice"),
                          ("MovieLens-32M", "MovieLens"), ("Meta-World MT1", "Meta-World"),
                          ("MMS-1B", "Massively Multilingual Speech"), ("DCASE 2020", "DCASE")]:
        entry = gaz.lookup(variant)
        assert entry is not None and gaz.family_of(entry) is not None, variant
        assert gaz.family_of(entry).name == root, (variant, gaz.family_of(entry))
    # the ordinary-word names only match as their authors spell them
    for exact, plain in [("Deep Voice", "deep voice"), ("Eureka", "eureka"), ("DEMAND", "demand"),
                         ("Transformer-Big", "transformer big")]:
        assert gaz.lookup(exact) is not None, exact
        assert gaz.lookup(plain) is None, plain
    assert _gazetteer_hits("In a deep voice she said eureka: the demand for a transformer big enough grew.") == []


def test_gazetteer_data_science_and_medicine_long_tail_resolves():
    # named aligners, callers and analysis programs of genomics, quantum-chemistry levels of theory,
    # imaging challenges by year, cohort subsets, survey data releases and physiology corpora
    _assert_resolve([
        ("Spliced Transcripts Alignment to a Reference", "STAR aligner", "Method"),
        ("GATK HaplotypeCaller", "HaplotypeCaller", "Method"),
        ("LDSC", "LD score regression", "Method"),
        ("Perdew-Burke-Ernzerhof", "PBE", "Method"),
        ("wB97X-D", "ωB97X-D", "Method"),
        ("MM/GBSA", "MM-GBSA", "Method"),
        ("Directory of Useful Decoys", "DUD", "Dataset"),
        ("BraTS2023", "BraTS 2023", "Dataset"),
        ("TCGA-LUAD", "TCGA-LUAD", "Dataset"),
        ("Wilkinson Microwave Anisotropy Probe", "WMAP", "Dataset"),
        ("TUH EEG Seizure Corpus", "TUSZ", "Dataset"),
        ("Shuttle Radar Topography Mission", "SRTM", "Dataset"),
        ("Physics-Informed Neural Operator", "PINO", "Model"),
        ("UKBB", "UK Biobank", "Dataset"),
        ("Kyoto Encyclopedia of Genes and Genomes", "KEGG", "Dataset"),
        ("Crystal Graph Convolutional Neural Network", "CGCNN", "Model"),
    ])
    gaz = load_gazetteer()
    for variant, root in [("Bowtie2", "Bowtie"), ("Mutect2", "MuTect"), ("SDSS DR17", "Sloan Digital Sky Survey"),
                          ("ISIC 2016", "ISIC"), ("TNG300", "IllustrisTNG"), ("PhysioNet 2017", "PhysioNet Challenge")]:
        entry = gaz.lookup(variant)
        assert entry is not None and gaz.family_of(entry) is not None, variant
        assert gaz.family_of(entry).name == root, (variant, gaz.family_of(entry))
    # the ordinary-word names only match as their authors spell them
    for exact, plain in [("Salmon", "salmon"), ("Bowtie", "bowtie"), ("COSMOS", "cosmos"), ("Fine-Gray", "fine gray")]:
        assert gaz.lookup(exact) is not None, exact
        assert gaz.lookup(plain) is None, plain
    assert _gazetteer_hits("A wise boss in a bowtie ate salmon amid the chaos of the cosmos, all of us in a fine "
                           "gray amber light; a monocle, cufflinks and some pride.") == []


def test_gazetteer_data_no_entry_is_named_like_an_organisation_or_a_place():
    # the generic list's organisations and places are makers and places, never a known artifact's name, with a
    # year or without: a place that names a dataset ("Houston 2018") or a maker that names one ("DARPA 1998") is
    # left out of that list. Venues whose shared tasks name datasets (CoNLL-2003, KDD'99) and a country code that
    # names web crawls (UK-2007) are the known exceptions
    from graphbuild.nlp.lexicon import organisation_keys

    keys = organisation_keys() - {"conll", "kdd", "uk"}
    year = re.compile(r"(?:[\s\-]*(?:19|20)\d\d|\s?['’]\d\d)$")
    assert not [f for e in load_gazetteer().entries for f in e.forms() if name_key(year.sub("", f)) in keys]


def test_gazetteer_data_acronyms_of_two_fields_read_by_their_text():
    # "LDA" is a topic model's and a classifier's; "RANS" a fluid solver's, not range ANS's ("rANS")
    gaz = load_gazetteer()
    lda = gaz.by_form["LDA"]
    topics = "We fit LDA topic models to the speeches and compare the topics with a Dirichlet process mixture."
    classes = "We compare LDA with a shrinkage covariance against SVM classifiers for discriminant analysis."
    assert gaz.reading(topics, "LDA", lda)[0].name == "latent Dirichlet allocation"
    assert gaz.reading(classes, "LDA", lda)[0].name == "linear discriminant analysis"
    assert gaz.unread("We compare LDA with SVM.", "LDA")
    assert gaz.lookup("RANS").name == "Reynolds-averaged Navier-Stokes"
    assert gaz.lookup("rANS").name == "asymmetric numeral systems"


def test_gazetteer_data_recent_releases_resolve():
    # 2024-2026 releases and benchmarks: sized and dated checkpoints, reasoning and reward models, agent and
    # math benchmarks, post-training and KV-cache methods, each with its family where it has one
    _assert_resolve([
        ("Qwen2.5-VL-7B-Instruct", "Qwen2.5-VL-7B-Instruct", "Model"),
        ("Qwen3-235B-A22B-Thinking-2507", "Qwen3-235B-A22B-Thinking-2507", "Model"),
        ("Skywork-Reward-V2", "Skywork-Reward-V2", "Model"),
        ("Kimi K2 Thinking", "Kimi K2 Thinking", "Model"),
        ("Grok 3 mini", "Grok-3 mini", "Model"),
        ("Seed-Thinking-v1.5", "Seed1.5-Thinking", "Model"),
        ("Geometric-Mean Policy Optimization", "Geometric-Mean Policy Optimization", "Method"),
        ("Token Omission Via Attention", "TOVA", "Method"),
        ("Length Controlled Policy Optimization", "LCPO", "Method"),
        ("OSWorld-Verified", "OSWorld-Verified", "Dataset"),
        ("AIME26", "AIME 2026", "Dataset"),
        ("HMMT25", "HMMT 2025", "Dataset"),
        ("Tülu 3 SFT Mixture", "Tulu 3 SFT Mixture", "Dataset"),
        ("Multi-Round Coreference Resolution", "MRCR", "Dataset"),
    ])
    gaz = load_gazetteer()
    for variant, root in [("Qwen3-VL-8B", "Qwen"), ("Gemma-3n-E4B", "Gemma"), ("Goedel-Prover-V2", "Goedel-Prover"),
                          ("SWE-bench Multilingual", "SWE-bench"), ("CogVideoX-5B", "CogVideo"),
                          ("SAM 3", "Segment Anything Model"), ("LLaDA 1.5", "LLaDA")]:
        entry = gaz.lookup(variant)
        assert entry is not None and gaz.family_of(entry) is not None, variant
        assert gaz.family_of(entry).name == root, (variant, gaz.family_of(entry))
    # ordinary words among the new names only match as their authors spell them
    for exact, plain in [("FRAMES", "frames"), ("BAGEL", "bagel"), ("Satori", "satori"), ("Sequoia", "sequoia")]:
        assert gaz.lookup(exact) is not None, exact
        assert gaz.lookup(plain) is None, plain


def test_gazetteer_data_model_families_are_models():
    """ANNOTATION.md types a model family or architecture a Model and an algorithm a Method: the neural and
    probabilistic families (GAN, VAE, HMM, Gaussian process, CNN, ARIMA, SEIR …) are models, written out or as
    acronyms, while the classic learners and procedures beside them stay methods."""
    _assert_resolve([
        ("GANs", "generative adversarial network", "Model"),
        ("conditional GANs", "conditional GAN", "Model"),
        ("WGAN", "Wasserstein GAN", "Model"),
        ("beta-VAE", "beta-VAE", "Model"),
        ("VAE", "variational autoencoder", "Model"),
        ("denoising autoencoders", "denoising autoencoder", "Model"),
        ("hidden Markov models", "hidden Markov model", "Model"),
        ("GMM", "Gaussian mixture model", "Model"),
        ("Gaussian processes", "Gaussian process", "Model"),
        ("CNNs", "convolutional neural network", "Model"),
        ("RNN", "recurrent neural network", "Model"),
        ("MLP", "multilayer perceptron", "Model"),
        ("RNN-T", "RNN Transducer", "Model"),
        ("ARIMA model", "ARIMA", "Model"),
        ("random forests", "random forest", "Method"),
        ("logistic regression", "logistic regression", "Method"),
        ("stochastic gradient descent", "stochastic gradient descent", "Method"),
    ])
