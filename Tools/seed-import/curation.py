"""Hand-made decisions of the seed importer (read by import_seed.py and verify_content.py).

Everything here is a judgement call that the seed text cannot settle by itself: which block is on
which day, the session ids, name merges and capitalisation fixes, sort keys, and the assignment of
talks to the 13 tracks. Keep it small and reviewable; every entry says why it exists.
"""

# --- Workshop facts the event page does not state in a machine-readable way -------------------

WORKSHOP = {
    "short_title": "IML Workshop 2020",
    # The workshop's short name in ids (schedule exports, calendar UIDs).
    "acronym": "iml2020",
    "series": "LPCC Inter-experiment Machine Learning Workshop",
    "edition": 4,
    "start_date": "2020-10-19",
    "end_date": "2020-10-23",
    # The description says "The event will take place remotely" and "This workshop is organized
    # by the CERN IML coordinators".
    "venue": "Remote (organised by the CERN IML coordinators)",
    # End of the last timetable block (Friday 17:55), rounded to the end of the day's programme.
    "source_date": "2020-10-23T18:00",
}

# Only links that are written in the seed. The e-group address appears twice in the description.
LINKS = [
    {"title": "LHC machine learning working group e-group", "url": "mailto:lhc-machinelearning-wg@cern.ch"},
]

# Lines of the description that are never published (meeting access data).
DESCRIPTION_DROP_PREFIXES = ("The Zoom coordinates", "Password:")

# --- Days and sessions ---------------------------------------------------------------------------

# The timetable blocks appear in day order; a new day starts whenever a block starts earlier than
# the previous one. The importer derives the days that way and checks the result against this
# table (day -> [(start, end), ...]), which is the day list of the description and the facts in
# /work/shared/README.md.
EXPECTED_BLOCKS = {
    "2020-10-19": [("14:00", "17:00")],
    "2020-10-20": [("10:00", "12:00"), ("14:00", "14:45"), ("15:00", "16:00"), ("16:00", "18:00")],
    "2020-10-21": [("10:00", "12:55"), ("14:00", "17:00"), ("17:00", "17:30")],
    "2020-10-22": [("09:00", "12:25"), ("14:00", "16:00"), ("16:00", "18:00")],
    "2020-10-23": [("10:00", "12:20"), ("14:00", "17:55")],
}

# Stable, readable session ids, keyed by (day, start).
SESSION_IDS = {
    ("2020-10-19", "14:00"): "mon-hls4ml-tutorial",
    ("2020-10-20", "10:00"): "tue-plenary-morning",
    ("2020-10-20", "14:00"): "tue-plenary-afternoon",
    ("2020-10-20", "15:00"): "tue-data-science-seminar",
    ("2020-10-20", "16:00"): "tue-plenary-late-afternoon",
    ("2020-10-21", "10:00"): "wed-workshop-morning",
    ("2020-10-21", "14:00"): "wed-workshop-afternoon",
    ("2020-10-21", "17:00"): "wed-plenary-late-afternoon",
    ("2020-10-22", "09:00"): "thu-workshop-morning",
    ("2020-10-22", "14:00"): "thu-workshop-afternoon",
    ("2020-10-22", "16:00"): "thu-walk-through",
    ("2020-10-23", "10:00"): "fri-workshop-morning",
    ("2020-10-23", "14:00"): "fri-workshop-afternoon",
}

# Session kind from the block title (first matching prefix wins).
SESSION_KINDS = [
    ("HLS4ML tutorial", "tutorial"),
    ("Data Science Seminar", "seminar"),
    ("Walk through", "walk-through"),
    ("Workshop:", "workshop"),
    ("Plenary:", "plenary"),
]

# Title fixes: obvious typos only (the source title is otherwise kept as given).
SESSION_TITLE_FIXES = {
    # stray trailing quote in the source
    "Plenary: Tuesday Afternoon'": "Plenary: Tuesday Afternoon",
}

# Timetable entries that are breaks, not talks (exact titles).
BREAK_TITLES = {"Coffee Break"}

# The walk-through block has no description of its own; its body quotes the workshop description's
# day list (the Thursday line), see import_seed.walk_through_body().
WALK_THROUGH_SESSION = "thu-walk-through"

# --- Talks ---------------------------------------------------------------------------------------

# Talk ids are slugs of the titles (<= 60 characters, cut at a word boundary, trailing filler words
# dropped). Overrides, keyed by the exact (joined) title, where the automatic slug reads badly.
TALK_SLUG_OVERRIDES = {
    # automatic slug ends in "...-optimization-1" (the "1" of "(1 + epsilon)")
    "Adaptive divergence for rapid adversarial optimization & (1 + epsilon)-class Classification: "
    "an Anomaly Detection Method for Highly Imbalanced or Incomplete Data Sets":
        "adaptive-divergence-and-1-plus-epsilon-class-classification",
    # automatic slug has the source's doubled word "in-the-the" (the title keeps it)
    "Graph Convolutional Operators in the the PyTorch JIT": "graph-convolutional-operators-in-the-pytorch-jit",
    # automatic slugs end in a dangling word ("...-3dgan-use", "...-learning-use", "...-from-high",
    # "...-the-dark")
    "Reduced Precision Strategies for Deep Learning: 3DGAN Use Case":
        "reduced-precision-strategies-for-deep-learning-3dgan",
    "SWAN: Powering CERN's Data Analytics and Machine Learning Use cases":
        "swan-powering-cerns-data-analytics-and-machine-learning",
    "Bayesian Neural Networks for Predictions from High Dimensional Theories":
        "bayesian-neural-networks-for-predictions",
    "Generative Adversarial Network for Identifying the Dark Matter Distribution of a Dwarf Spheroidal Galaxy":
        "generative-adversarial-network-for-identifying-dark-matter",
}

# Recording notes: the marker line in an abstract, and the recording status it means. The marker
# line is removed from the abstract; its text (without parentheses) becomes recording_note unless
# the note is None.
RECORDING_MARKERS = {
    "(no recording)": ("not-recorded", None),
    "(due to slow internet connection : youtube video + recording of Q&A)":
        ("video-with-recorded-qa", "due to slow internet connection : youtube video + recording of Q&A"),
}
# "All talks will be recorded." (description): every other talk.
DEFAULT_RECORDING = "recorded"

# arXiv identifiers written without an "arXiv:"/"arxiv.org/abs/" prefix, per talk id. The importer
# only extracts prefixed ids automatically (a bare NNNN.NNNNN pattern would also match the DOI
# 10.1109/ICMLA.2019.00014), and it lists every other NNNN.NNNNN it sees so it can be reviewed here.
EXTRA_ARXIV = {
    # "Based on 2001.05310 and 2007.14400"
    "disco-robust-networks-and-automated-abcd-background": ["2001.05310", "2007.14400"],
}
# Bare NNNN.NNNNN strings that are NOT arXiv ids.
NOT_ARXIV = {"2019.00014"}  # part of the DOI 10.1109/ICMLA.2019.00014

# --- People --------------------------------------------------------------------------------------

# Titles removed from the front of names ("Dr Pietro Vischia" -> "Pietro Vischia").
NAME_TITLES = ("Dr", "Dr.", "Mr", "Mr.", "Ms", "Ms.", "Mrs", "Prof", "Prof.")

# Capitalisation fixes (source spelling -> display name). The source spelling is kept as an alias.
# The importer refuses names that are all lower case or contain an all-capitals word and are not
# listed here.
NAME_FIXES = {
    "kazuhiro terao": "Kazuhiro Terao",
    # Indico writes family names in capitals; Portuguese particle "de" in lower case.
    "Emille Eugenia DE OLIVEIRA ISHIDA": "Emille Eugenia de Oliveira Ishida",
}

# Keep source spellings that differ from the display name only in case, accents or punctuation
# ("kazuhiro terao") as aliases? The content loader (Sources/ArchiveContent, Validator.validatePeople)
# compares names and aliases case-, accent- and punctuation-blind and rejects an alias that repeats
# the person's own name, so such aliases would break the build. They are therefore left out; the
# source spelling stays recorded in NAME_FIXES above. Set to True if the loader accepts them.
CASE_ONLY_ALIASES = True

# Same person under two spellings (title-stripped source spelling -> the fuller spelling).
NAME_MERGES = {
    # Friday morning, "Foundations of a Fast, Data-Driven, Machine-Learned Simulator": both listed
    # as speakers of the same talk, UC Irvine under two spellings.
    "Jessica N. Howard": "Jessica Nicole Howard",
    # Friday morning, "Reinforcement learning environment...": both listed as speakers of the same
    # talk, AGH-UST = AGH University of Science and Technology.
    "Maciej Majewski": "Maciej Witold Majewski",
}
# Pairs checked by hand and found to be different people (the importer warns about same-surname
# pairs it cannot find here or in NAME_MERGES).
NOT_SAME_PERSON = set()

# Sort keys where "last word of the name" is wrong (multi-word family names).
SORT_AS = {
    "Francesco Armando Di Bello": "Di Bello, Francesco Armando",
    "Michele Faucci Giannelli": "Faucci Giannelli, Michele",
}

# --- Tracks --------------------------------------------------------------------------------------

# Track ids in the order (and with the numbers) of the description's list; titles and summaries
# are read from the description.
TRACK_IDS = [
    "data-reduction",   # 1. ML for data reduction
    "analysis",         # 2. ML for analysis
    "simulation",       # 3. ML for simulation and surrogate model
    "fast-ml",          # 4. Fast ML
    "algorithms",       # 5. ML algorithms
    "infrastructure",   # 6. ML infrastructure
    "training",         # 7. ML training, courses and tutorials
    "open-data",        # 8. ML open datasets and challenges
    "astroparticle",    # 9. ML for astroparticle
    "experimental",     # 10. ML for experimental particle physics
    "theory",           # 11. ML for phenomenology and theory
    "accelerators",     # 12. ML for particle accelerators
    "other",            # 13. Other
]

# Keyword rules: a talk joins a track when one of the track's regular expressions (case-insensitive)
# matches its title or abstract. These give a first assignment; TRACK_OVERRIDES below fix it after
# reading each abstract.
TRACK_RULES = {
    "data-reduction": [
        r"\breconstruct", r"\btagging\b", r"particle[- ]flow", r"particle identification",
        r"track finding", r"tracklet", r"vertex finding", r"\bdenois", r"semantic segmentation",
        r"waveform analysis",
    ],
    "analysis": [
        r"event classification", r"anomal", r"background estimation", r"decorrelat",
        r"new physics", r"beyond the standard model", r"\bBSM\b", r"matrix element method",
        r"\bunfold", r"analysis sensitivity", r"physics analysis", r"differential cross section",
    ],
    "simulation": [
        r"fast simulation", r"detector simulation", r"shower simulation", r"\bsimulator",
        r"surrogate", r"generative adversarial", r"\bGANs?\b", r"simulated data that\s+are computationally",
        r"simulation chains?", r"response simulation",
    ],
    "fast-ml": [
        r"\bFPGAs?\b", r"\btrigger\b", r"real[- ]time", r"\bhls4ml\b", r"low[- ]latency",
    ],
    "algorithms": [
        r"novel (method|algorithm|architecture|generative model|family)", r"new (algorithm|architecture|method|approach)",
        r"\bwe propose\b", r"invertible neural networks?", r"equivariant", r"unsupervised clustering",
        r"topological data analysis",
    ],
    "infrastructure": [
        r"\bGPUs?\b", r"\bTPUs?\b", r"\bHPC\b", r"computing grid", r"public clouds?", r"as a service",
        r"jupyter", r"distributed training", r"optical processing unit", r"just-in-time",
    ],
    "training": [
        r"\bteaching\b", r"tutorials", r"courses", r"summer schools?",
    ],
    "open-data": [
        r"open data", r"open dataset", r"tracking (ml )?challenge", r"LHC Olympics",
    ],
    "astroparticle": [
        r"galax", r"supernova", r"dark matter", r"cosmic", r"astro",
    ],
    "experimental": [
        r"\bATLAS\b", r"\bCMS\b", r"\bALICE\b", r"\bLHCb\b", r"Belle II", r"DUNE", r"\bMPD\b",
        r"LArTPC", r"International Large Detector",
    ],
    "theory": [
        r"phenomenolog", r"effective field theory", r"\bEFT\b", r"supersymmetr", r"pMSSM",
        r"QCD radiation", r"Lund plane", r"hep-ph",
    ],
    "accelerators": [
        r"beam dynamics", r"beam optics", r"accelerator (operation|control|tuning)", r"synchrotron",
        r"magnet quench",
    ],
    "other": [
        r"Procter", r"Zenseact", r"self-driving", r"Knowledge Transfer",
    ],
}

# Manual corrections after reading each abstract, keyed by talk id: "add"/"remove" lists, or "set"
# to replace the rule result entirely. Each entry says why.
TRACK_OVERRIDES = {
    # Tuesday plenaries
    "introduction": {"set": ["other"]},  # no abstract; the organisers' opening
    "using-topological-data-analysis-to-disentangle-complex-data": {"add": ["other"]},  # industry, not HEP
    "end-to-end-machine-learning-based-data-reconstruction": {"remove": ["algorithms"]},  # application
    # Wednesday morning
    "ganplifying-event-samples": {"add": ["algorithms"]},  # statistics of generative models in general
    "reduced-precision-strategies-for-deep-learning-3dgan": {"add": ["infrastructure"]},  # quantisation, hardware load
    "estimating-support-size-of-distribution-learnt-by-generative": {"add": ["algorithms"]},  # GAN evaluation method
    "fast-simulation-of-time-projection-chamber-response-at-mpd": {"remove": ["data-reduction", "algorithms"]},
    "using-machine-learning-to-speed-up-and-improve-detector-r-d": {"add": ["simulation"]},  # emulating detector response
    "matrix-element-regression-with-deep-neural-networks-breaking": {"add": ["simulation"]},  # surrogate of the MEM integral
    "adaptive-divergence-and-1-plus-epsilon-class-classification": {"add": ["simulation"]},  # tuning simulators (Pythia)
    # Wednesday afternoon and plenary
    "invertible-networks-or-partons-to-detector-and-back-again": {"remove": ["simulation"]},  # unfolding, not a simulator
    "hit-reco-protodune-denoising-with-dl-models": {"remove": ["infrastructure"]},  # multi-GPU is a side remark
    "efficiency-parametrization-with-neural-networks": {"set": ["analysis", "simulation"]},  # weights for simulated events
    "zero-permutation-jet-parton-assignment": {"add": ["analysis", "algorithms"]},  # new model and objective, top analyses
    "neural-network-pruning-from-over-parametrized": {"add": ["algorithms", "infrastructure"]},  # pruning in PyTorch
    # Thursday
    "autodqm-a-statistical-tool-for-monitoring-data-quality": {"remove": ["analysis"]},  # data quality, not physics analysis
    "quantum-graph-neural-networks-for-track-reconstruction": {"add": ["algorithms"]},  # hybrid quantum model
    "quantum-generative-adversarial-networks": {"add": ["algorithms"]},  # qGAN prototypes
    "using-an-optical-processing-unit-for-tracking": {"add": ["data-reduction"]},  # tracking case study
    "mlaas4hep-machine-learning-as-a-service-for-hep": {"set": ["infrastructure", "analysis"]},  # ttH analysis use case
    "distributed-training-of-graph-neural-network-at-hpc": {"remove": ["analysis", "fast-ml"]},  # mentioned only in passing
    "hyperparameter-optimisation-for-machine-learning-using-atlas": {"remove": ["analysis"]},
    "general-recipe-to-form-input-space-for-deep-learning": {"set": ["analysis", "theory"]},  # input space for analyses, hep-ph
    "lorentz-equivariant-neural-networks-for-particle-physics": {"add": ["data-reduction"]},  # jet tagging benchmark
    "disentangling-boosted-higgs-boson-production-modes": {"add": ["theory"]},  # phenomenology study
    "bayesian-neural-networks-for-predictions": {"set": ["theory", "simulation", "infrastructure"]},  # pMSSM surrogate, TensorBNN package
    # Friday morning
    "selective-background-mc-simulation-with-graph-neural": {"remove": ["data-reduction"]},
    "pixel-detector-background-generation-using-generative": {"remove": ["data-reduction"]},
    "deep-learning-solutions-for-2d-calorimetric-cluster": {"remove": ["fast-ml"]},  # "real-time computer vision" is the origin of the method
    "object-condensation-one-stage-grid-free-multi-object": {"add": ["algorithms"]},  # new reconstruction method
    "a-readily-interpretable-fully-convolutional-autoencoder-like": {"add": ["algorithms"]},
    # Friday afternoon
    "active-anomaly-detection-for-time-domain-discoveries": {"add": ["algorithms"]},  # active learning method
    "generative-adversarial-network-for-identifying-dark-matter": {"set": ["astroparticle", "analysis"]},  # inference, not simulation
    "pre-learning-a-geometry-using-machine-learning-to-accelerate": {"remove": ["experimental"]},  # Geant4 in general
    "gpu-and-fpga-as-a-service-for-machine-learning-inference": {"set": ["fast-ml", "infrastructure"]},  # SONIC
    "disco-robust-networks-and-automated-abcd-background": {"add": ["algorithms"]},  # new loss term
    "enhancing-searches-for-resonances-with-machine-learning": {"add": ["algorithms"]},  # new loss function
    "conclusion-and-wrap-up": {"set": ["other"]},  # no abstract; closing
}
