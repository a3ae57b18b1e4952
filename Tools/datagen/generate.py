#!/usr/bin/env python3
"""Generate the simulated jet sample committed in Content/data/jets/.

Five classes mirroring the hls4ml jet-tagging dataset:
    0 gluon, 1 light quark (u, d, s), 2 W, 3 Z, 4 top.

pp collisions at 13 TeV are simulated with Pythia 8 (python wheel
``pythia8mc``), final-state visible particles are clustered with anti-kt
R = 0.8 (``fastjet`` python bindings), and the leading jet of the event is
kept if 500 < pT < 700 GeV, |eta| < 2 and it is matched to the generator
object that defines its class (see README.md for the exact rules).

Everything is seeded, so the same command reproduces byte-identical files:

    python3 Tools/datagen/generate.py                       # full sample
    python3 Tools/datagen/generate.py --jets-per-class 50 --out /tmp/x

Only deterministic quantities go into manifest.json (no timestamps, no
timings); progress and timing go to stderr.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import json
import math
import os
import platform
import sys
import time

import awkward as ak
import fastjet
import numpy as np
import pythia8mc

# --------------------------------------------------------------------------
# Configuration (everything that defines the sample lives here)
# --------------------------------------------------------------------------

DEFAULT_JETS_PER_CLASS = 7700
BATCH_SIZE = 100  # events per pythia.nextBatch call (does not affect output)

CLASS_NAMES = ["gluon", "light_quark", "W", "Z", "top"]

JET_R = 0.8
JET_PT_MIN = 500.0
JET_PT_MAX = 700.0
JET_ABS_ETA_MAX = 2.0
JET_CLUSTER_PT_MIN = 20.0  # only jets above this are built at all

# Matching
PARTON_MATCH_DR = 0.4      # QCD: jet axis to hard outgoing parton
BOSON_MATCH_DR = 0.8       # W/Z/top: jet axis to (last copy of) W/Z/top
CONTAIN_DR = 0.8           # W/Z: both decay quarks; top: b + both W-decay quarks

NEUTRINOS = (12, 14, 16)
LIGHT_QUARKS = (1, 2, 3)   # u, d, s -> class 1; c/b-initiated jets are dropped
GLUON = 21

SPLIT_SHUFFLE_SEED = 20240601

COMMON_SETTINGS = [
    "Beams:idA = 2212",
    "Beams:idB = 2212",
    "Beams:eCM = 13000.",
    # keep particles with c*tau > 10 mm stable (K0S, Lambda, Sigma, Xi, Omega),
    # the usual LHC 'generator-level stable' convention
    "ParticleDecays:limitTau0 = on",
    "ParticleDecays:tau0Max = 10.",
    # quiet, no per-event printout
    "Print:quiet = on",
    "Next:numberCount = 0",
    "Next:numberShowInfo = 0",
    "Next:numberShowProcess = 0",
    "Next:numberShowEvent = 0",
    "Init:showChangedSettings = off",
    "Init:showChangedParticleData = off",
    # reproducibility
    "Random:setSeed = on",
]

WPRIME_SETTINGS = [
    "NewGaugeBoson:ffbar2Wprime = on",
    "34:m0 = 1200.",
    "Wprime:coup2WZ = 1.",
    "34:onMode = off",
    "34:onIfAll = 23 24",
]

# One Pythia run per "process"; the QCD run feeds classes 0 and 1.
PROCESSES = [
    {
        "name": "qcd_dijet",
        "labels": [0, 1],
        "seed": 10001,
        "settings": [
            "HardQCD:all = on",
            "PhaseSpace:pTHatMin = 450.",
            "PhaseSpace:pTHatMax = 800.",
        ],
    },
    {
        "name": "wprime_to_WZ_W_hadronic_Z_to_nunu",
        "labels": [2],
        "seed": 10002,
        "settings": WPRIME_SETTINGS + [
            "24:onMode = off",
            "24:onIfAny = 1 2 3 4 5",
            "23:onMode = off",
            "23:onIfAny = 12 14 16",
        ],
    },
    {
        "name": "wprime_to_WZ_Z_hadronic_W_to_lnu",
        "labels": [3],
        "seed": 10003,
        "settings": WPRIME_SETTINGS + [
            "23:onMode = off",
            "23:onIfAny = 1 2 3 4 5",
            "24:onMode = off",
            "24:onIfAny = 11 13",
        ],
    },
    {
        "name": "ttbar_all_hadronic",
        "labels": [4],
        "seed": 10004,
        "settings": [
            "Top:gg2ttbar = on",
            "Top:qqbar2ttbar = on",
            "PhaseSpace:pTHatMin = 450.",
            "PhaseSpace:pTHatMax = 800.",
            "24:onMode = off",
            "24:onIfAny = 1 2 3 4 5",
        ],
    },
]


def process_settings(proc: dict) -> list[str]:
    """The complete, ordered list of strings passed to Pythia.readString."""
    return COMMON_SETTINGS + [f"Random:seed = {proc['seed']}"] + proc["settings"]


# --------------------------------------------------------------------------
# Small kinematic helpers
# --------------------------------------------------------------------------

def _eta_phi(px, py, pz):
    pt = math.hypot(px, py)
    phi = math.atan2(py, px)
    if pt == 0.0:
        eta = math.copysign(1e9, pz)
    else:
        eta = math.asinh(pz / pt)
    return eta, phi


def _delta_r(eta1, phi1, eta2, phi2):
    dphi = (phi1 - phi2 + math.pi) % (2.0 * math.pi) - math.pi
    return math.hypot(eta1 - eta2, dphi)


class EventView:
    """Numpy view on one event of the awkward batch (global flat arrays)."""

    __slots__ = ("lo", "size", "ids", "status", "d1", "d2", "px", "py", "pz")

    def __init__(self, lo, size, flat):
        self.lo = lo
        self.size = size
        self.ids, self.status, self.d1, self.d2, self.px, self.py, self.pz = flat

    # indices below are event-local (as in the Pythia event record)
    def id(self, i):
        return int(self.ids[self.lo + i])

    def daughters(self, i):
        d1 = int(self.d1[self.lo + i])
        d2 = int(self.d2[self.lo + i])
        if d1 <= 0:
            return []
        if d2 == 0 or d2 == d1:
            return [d1]
        if d2 > d1:
            return list(range(d1, d2 + 1))
        return [d1, d2]

    def bottom_copy(self, i):
        """Follow i through recoil / radiation copies of the same particle."""
        pid = self.id(i)
        for _ in range(1000):
            same = [d for d in self.daughters(i) if self.id(d) == pid]
            if len(same) != 1:
                return i
            i = same[0]
        return i

    def eta_phi(self, i):
        g = self.lo + i
        return _eta_phi(float(self.px[g]), float(self.py[g]), float(self.pz[g]))

    def first(self, ids, status):
        """Event-local indices (in record order) with |id| in ids and the given status."""
        st = self.status[self.lo:self.lo + self.size]
        aid = np.abs(self.ids[self.lo:self.lo + self.size])
        return [int(x) for x in np.nonzero((st == status) & np.isin(aid, ids))[0]]


# --------------------------------------------------------------------------
# Per-class matching
# --------------------------------------------------------------------------

def match_qcd(ev: EventView, jeta, jphi):
    """Return (label, pdg) or None. Hard outgoing partons have status -23."""
    partons = ev.first((1, 2, 3, 4, 5, 6, 21), -23)
    best, best_dr = None, 1e9
    for i in partons:
        eta, phi = ev.eta_phi(i)
        dr = _delta_r(jeta, jphi, eta, phi)
        if dr < best_dr:
            best, best_dr = i, dr
    if best is None or best_dr >= PARTON_MATCH_DR:
        return None
    pdg = ev.id(best)
    if pdg == GLUON:
        return 0, pdg
    if abs(pdg) in LIGHT_QUARKS:
        return 1, pdg
    return None  # c / b initiated: not used


def _contained(ev, idx, jeta, jphi):
    for i in idx:
        eta, phi = ev.eta_phi(i)
        if _delta_r(jeta, jphi, eta, phi) >= CONTAIN_DR:
            return False
    return True


def _boson(ev: EventView, pid):
    """Bottom copy of the hard-process boson with |id| == pid, or None."""
    cand = ev.first((pid,), -22)
    if not cand:
        return None
    return ev.bottom_copy(cand[0])


def match_boson(ev: EventView, jeta, jphi, pid, label):
    b = _boson(ev, pid)
    if b is None:
        return None
    eta, phi = ev.eta_phi(b)
    if _delta_r(jeta, jphi, eta, phi) >= BOSON_MATCH_DR:
        return None
    quarks = [d for d in ev.daughters(b) if 1 <= abs(ev.id(d)) <= 5]
    if len(quarks) != 2 or not _contained(ev, quarks, jeta, jphi):
        return None
    return label, ev.id(b)


def match_top(ev: EventView, jeta, jphi):
    best, best_dr = None, 1e9
    for t in ev.first((6,), -22):
        tb = ev.bottom_copy(t)
        eta, phi = ev.eta_phi(tb)
        dr = _delta_r(jeta, jphi, eta, phi)
        if dr < best_dr:
            best, best_dr = tb, dr
    if best is None or best_dr >= BOSON_MATCH_DR:
        return None
    dau = ev.daughters(best)
    bq = [d for d in dau if abs(ev.id(d)) == 5]
    w = [d for d in dau if abs(ev.id(d)) == 24]
    if len(bq) != 1 or len(w) != 1:
        return None
    wq = [d for d in ev.daughters(ev.bottom_copy(w[0])) if 1 <= abs(ev.id(d)) <= 5]
    if len(wq) != 2 or not _contained(ev, bq + wq, jeta, jphi):
        return None
    return 4, ev.id(best)


def prompt_lepton(ev: EventView):
    """Final-state copy (event-local index) of the lepton from W -> l nu."""
    w = _boson(ev, 24)
    if w is None:
        return None
    lep = [d for d in ev.daughters(w) if abs(ev.id(d)) in (11, 13)]
    if len(lep) != 1:
        return None
    i = ev.bottom_copy(lep[0])
    if ev.status[ev.lo + i] <= 0:
        return None
    return i


# --------------------------------------------------------------------------
# Generation of one process
# --------------------------------------------------------------------------

def run_process(proc: dict, n_per_class: int, log) -> tuple[dict, dict]:
    settings = process_settings(proc)
    pythia = pythia8mc.Pythia("", False)
    for s in settings:
        if not pythia.readString(s):
            raise RuntimeError(f"Pythia rejected setting {s!r}")
    if not pythia.init():
        raise RuntimeError(f"Pythia init failed for {proc['name']}")

    jetdef = fastjet.JetDefinition(fastjet.antikt_algorithm, JET_R)
    labels = proc["labels"]
    jets = {lab: [] for lab in labels}        # list of float64 [n,4] arrays
    partons = {lab: [] for lab in labels}
    stats = {"events_generated": 0, "leading_jet_in_window": 0,
             "jets_kept": {str(l): 0 for l in labels}}
    remove_lepton = proc["name"].endswith("W_to_lnu")
    if remove_lepton:
        stats["prompt_leptons_removed"] = 0
    t0 = time.time()
    last_report = t0

    def done():
        return all(len(jets[l]) >= n_per_class for l in labels)

    while not done():
        batch = pythia.nextBatch(BATCH_SIZE)
        nev = len(batch)
        stats["events_generated"] += nev
        prt = batch.prt
        counts = np.asarray(ak.num(prt)).astype(np.int64)
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
        ids = np.asarray(ak.flatten(prt.id))
        status = np.asarray(ak.flatten(prt.status))
        d1 = np.asarray(ak.flatten(prt.daughter1))
        d2 = np.asarray(ak.flatten(prt.daughter2))
        px = np.asarray(ak.flatten(prt.p.px), dtype=np.float64)
        py = np.asarray(ak.flatten(prt.p.py), dtype=np.float64)
        pz = np.asarray(ak.flatten(prt.p.pz), dtype=np.float64)
        e = np.asarray(ak.flatten(prt.p.e), dtype=np.float64)
        flat = (ids, status, d1, d2, px, py, pz)
        views = [EventView(int(starts[k]), int(counts[k]), flat) for k in range(nev)]

        # visible final-state particles: status > 0, no neutrinos,
        # no prompt lepton from W -> l nu
        vis = (status > 0) & ~np.isin(np.abs(ids), NEUTRINOS)
        if remove_lepton:
            for v in views:
                i = prompt_lepton(v)
                if i is not None:
                    vis[v.lo + i] = False
                    stats["prompt_leptons_removed"] += 1
        gidx = np.nonzero(vis)[0]                     # global index of inputs
        ev_of = np.repeat(np.arange(nev), counts)[gidx]
        vcounts = np.bincount(ev_of, minlength=nev).astype(np.int64)
        voffs = np.concatenate([[0], np.cumsum(vcounts)])
        inputs = ak.unflatten(
            ak.zip({"px": px[gidx], "py": py[gidx], "pz": pz[gidx], "E": e[gidx]},
                   with_name="Momentum4D"),
            vcounts)
        cs = fastjet.ClusterSequence(inputs, jetdef)
        jets_ak = cs.inclusive_jets(JET_CLUSTER_PT_MIN)
        cidx = cs.constituent_index(JET_CLUSTER_PT_MIN)
        jnum = np.asarray(ak.num(jets_ak))
        jpx = np.asarray(ak.flatten(jets_ak.px))
        jpy = np.asarray(ak.flatten(jets_ak.py))
        jpz = np.asarray(ak.flatten(jets_ak.pz))
        joff = np.concatenate([[0], np.cumsum(jnum)])

        for k in range(nev):
            if done():
                break
            if jnum[k] == 0:
                continue
            a, b = joff[k], joff[k + 1]
            pt = np.hypot(jpx[a:b], jpy[a:b])
            lead = int(np.argmax(pt))  # first maximum: deterministic
            jpt = float(pt[lead])
            if not (JET_PT_MIN < jpt < JET_PT_MAX):
                continue
            jeta, jphi = _eta_phi(float(jpx[a + lead]), float(jpy[a + lead]),
                                  float(jpz[a + lead]))
            if abs(jeta) >= JET_ABS_ETA_MAX:
                continue
            stats["leading_jet_in_window"] += 1
            v = views[k]
            if labels == [0, 1]:
                m = match_qcd(v, jeta, jphi)
            elif labels == [4]:
                m = match_top(v, jeta, jphi)
            elif labels == [2]:
                m = match_boson(v, jeta, jphi, 24, 2)
            else:
                m = match_boson(v, jeta, jphi, 23, 3)
            if m is None:
                continue
            lab, pdg = m
            if len(jets[lab]) >= n_per_class:
                continue
            loc = np.asarray(cidx[k][lead], dtype=np.int64)   # index in event inputs
            g = gidx[voffs[k] + loc]                           # global particle index
            c = np.stack([px[g], py[g], pz[g], e[g]], axis=1)
            order = np.argsort(-np.hypot(c[:, 0], c[:, 1]), kind="stable")
            jets[lab].append(c[order])
            partons[lab].append(pdg)
            stats["jets_kept"][str(lab)] += 1

        now = time.time()
        if now - last_report > 30 or done():
            last_report = now
            have = ", ".join(f"{CLASS_NAMES[l]}={len(jets[l])}" for l in labels)
            dt = now - t0
            log(f"[{proc['name']}] {stats['events_generated']} events, {have}, "
                f"{dt:.0f}s, {stats['events_generated'] / max(dt, 1e-9):.1f} ev/s")

    stats["wall_seconds"] = time.time() - t0  # not written to the manifest
    out = {lab: (jets[lab][:n_per_class], np.asarray(partons[lab][:n_per_class], dtype=np.int64))
           for lab in labels}
    return out, stats


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------

def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def save_npy(path, arr, dtype):
    arr = np.ascontiguousarray(np.asarray(arr, dtype=np.dtype(dtype)))
    with open(path, "wb") as f:
        np.lib.format.write_array(f, arr, version=(1, 0), allow_pickle=False)


def split_of(j):
    r = j % 5
    return "train" if r < 3 else ("val" if r == 3 else "test")


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    default_out = os.path.normpath(os.path.join(here, "..", "..", "Content", "data", "jets"))
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jets-per-class", type=int, default=DEFAULT_JETS_PER_CLASS)
    ap.add_argument("--out", default=default_out, help=f"output dir (default {default_out})")
    ap.add_argument("--only", default=None,
                    help="comma-separated process names to run (rate measurements; "
                         "writes no files)")
    args = ap.parse_args(argv)

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    n = args.jets_per_class
    procs = PROCESSES
    if args.only:
        names = args.only.split(",")
        procs = [p for p in PROCESSES if p["name"] in names]

    t_start = time.time()
    per_class = {}
    proc_stats = {}
    timing = {}
    for proc in procs:
        res, st = run_process(proc, n, log)
        per_class.update(res)
        timing[proc["name"]] = st.pop("wall_seconds")
        proc_stats[proc["name"]] = st
        log(f"[{proc['name']}] done: {st} in {timing[proc['name']]:.1f}s")
    if args.only:
        for name, st in proc_stats.items():
            ev = st["events_generated"]
            log(f"{name}: {ev / timing[name]:.2f} ev/s, "
                f"efficiencies {[(k, v / ev) for k, v in st['jets_kept'].items()]}")
        return 0

    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(SPLIT_SHUFFLE_SEED)
    files = {}
    counts = {}
    for split in ("train", "val", "test"):
        items = []  # (label, constituents, parton)
        for lab in range(len(CLASS_NAMES)):
            cons, par = per_class[lab]
            for j in range(len(cons)):
                if split_of(j) == split:
                    items.append((lab, cons[j], int(par[j])))
        perm = rng.permutation(len(items))
        items = [items[i] for i in perm]
        labels = np.array([it[0] for it in items], dtype=np.int64)
        partons = np.array([it[2] for it in items], dtype=np.int64)
        mult = np.array([len(it[1]) for it in items], dtype=np.int64)
        offsets = np.concatenate([[0], np.cumsum(mult)]).astype(np.int64)
        constituents = (np.concatenate([it[1] for it in items], axis=0)
                        if items else np.zeros((0, 4)))
        arrays = {
            "constituents": (constituents, "<f4"),
            "offsets": (offsets, "<i8"),
            "labels": (labels, "<i8"),
            "partons": (partons, "<i8"),
        }
        for kind, (arr, dt) in arrays.items():
            fn = f"{split}_{kind}.npy"
            save_npy(os.path.join(args.out, fn), arr, dt)
            files[fn] = {
                "sha256": sha256(os.path.join(args.out, fn)),
                "dtype": dt,
                "shape": list(np.shape(arr)),
            }
        counts[split] = {CLASS_NAMES[l]: int((labels == l).sum()) for l in range(len(CLASS_NAMES))}
        counts[split]["total"] = int(len(labels))

    manifest = {
        "description": "Simulated boosted-jet sample (hls4ml-like five classes), "
                       "Pythia 8 pp at 13 TeV, anti-kt R=0.8 leading jet.",
        "generator_command": f"python3 Tools/datagen/generate.py --jets-per-class {n}",
        "versions": {
            "pythia8mc": importlib.metadata.version("pythia8mc"),
            "pythia_version_number": round(pythia8mc.Pythia("", False)
                                           .settings.parm("Pythia:versionNumber"), 3),
            "fastjet": importlib.metadata.version("fastjet"),
            "numpy": np.__version__,
            "awkward": importlib.metadata.version("awkward"),
            "python": platform.python_version(),
        },
        "classes": {str(i): name for i, name in enumerate(CLASS_NAMES)},
        "processes": [
            {
                "name": p["name"],
                "labels": p["labels"],
                "seed": p["seed"],
                "pythia_settings": process_settings(p),
                "statistics": proc_stats[p["name"]],
            }
            for p in procs
        ],
        "jet_selection": {
            "inputs": "all final-state particles (status > 0) except neutrinos "
                      "(|pdg| 12, 14, 16) and, for the Z class, the prompt "
                      "lepton from W -> l nu (its final copy after QED radiation); "
                      "particles with c*tau > 10 mm are stable",
            "algorithm": "anti-kt",
            "R": JET_R,
            "jet": "leading (highest-pT) jet of the event",
            "pt_min_GeV": JET_PT_MIN,
            "pt_max_GeV": JET_PT_MAX,
            "abs_eta_max": JET_ABS_ETA_MAX,
            "matching": {
                "gluon/light_quark": f"nearest hard outgoing parton of the 2->2 "
                                     f"process (status -23) within dR < {PARTON_MATCH_DR}; "
                                     f"g -> 0, u/d/s -> 1, c/b-matched jets dropped",
                "W/Z": f"last copy of the hadronically decaying boson within "
                       f"dR < {BOSON_MATCH_DR} and both decay quarks within "
                       f"dR < {CONTAIN_DR} of the jet axis",
                "top": f"nearest top (last copy) within dR < {BOSON_MATCH_DR}; "
                       f"its b and both W-decay quarks within dR < {CONTAIN_DR}",
            },
            "jets_per_class": n,
        },
        "split": {
            "rule": "jet index j within its class (generation order): j % 5 in "
                    "{0,1,2} -> train, 3 -> val, 4 -> test; each split then "
                    "shuffled with numpy.random.default_rng(seed).permutation, "
                    "the generator used for train, val, test in that order",
            "shuffle_seed": SPLIT_SHUFFLE_SEED,
        },
        "format": {
            "<split>_constituents.npy": "float32 [M, 4] px, py, pz, E in GeV; the "
                                        "constituents of each jet sorted by decreasing pT",
            "<split>_offsets.npy": "int64 [N+1]; jet i is rows offsets[i]:offsets[i+1]",
            "<split>_labels.npy": "int64 [N]; 0 gluon, 1 light quark, 2 W, 3 Z, 4 top",
            "<split>_partons.npy": "int64 [N]; PDG id of the matched generator object "
                                   "(21 gluon, +-1..3 quark, +-24 W, 23 Z, +-6 top)",
        },
        "counts": counts,
        "files": files,
    }
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2, sort_keys=True)
        f.write("\n")
    total = sum(os.path.getsize(os.path.join(args.out, fn)) for fn in files)
    log(f"wrote {args.out}: {total / 1e6:.2f} MB in {time.time() - t_start:.0f}s "
        f"(per process: {', '.join(f'{k}={v:.0f}s' for k, v in timing.items())})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
