#!/usr/bin/env python3
"""Quick physics sanity check of the jet sample in Content/data/jets/.

Prints, per class (all splits together): number of jets, constituent
multiplicity, jet pT and jet mass summaries, and the position of the jet-mass
peak (centre of the most populated 4 GeV bin between 20 and 300 GeV) for the
ungroomed jet and for the mMDT-groomed jet (soft drop with beta = 0,
z_cut = 0.1, R0 = 0.8 after Cambridge/Aachen reclustering of the constituents).
Also checks the files against the SHA-256 sums in manifest.json.

    python3 Tools/datagen/sanity.py [DATA_DIR]
"""

from __future__ import annotations

import hashlib
import json
import os
import sys

import numpy as np

CLASS_NAMES = ["gluon", "light_quark", "W", "Z", "top"]
SPLITS = ("train", "val", "test")
BIN = 4.0
MLO, MHI = 20.0, 300.0


def load(data_dir):
    cons, offs, labs = [], [np.zeros(1, dtype=np.int64)], []
    base = 0
    for split in SPLITS:
        c = np.load(os.path.join(data_dir, f"{split}_constituents.npy"))
        o = np.load(os.path.join(data_dir, f"{split}_offsets.npy"))
        lab = np.load(os.path.join(data_dir, f"{split}_labels.npy"))
        assert c.dtype == np.float32 and c.ndim == 2 and c.shape[1] == 4
        assert o.dtype == np.int64 and lab.dtype == np.int64
        assert o[0] == 0 and o[-1] == len(c) and len(o) == len(lab) + 1
        assert np.all(np.diff(o) > 0)
        cons.append(c)
        offs.append(o[1:] + base)
        labs.append(lab)
        base += len(c)
    return (np.concatenate(cons).astype(np.float64), np.concatenate(offs),
            np.concatenate(labs))


def jet_kinematics(cons, offs):
    sums = np.add.reduceat(cons, offs[:-1], axis=0)
    pt = np.hypot(sums[:, 0], sums[:, 1])
    m2 = sums[:, 3] ** 2 - (sums[:, :3] ** 2).sum(axis=1)
    mass = np.sqrt(np.clip(m2, 0.0, None))
    eta = np.arcsinh(sums[:, 2] / pt)
    return pt, eta, mass


def groomed_mass(cons, offs):
    """mMDT (soft drop beta=0, zcut=0.1) mass via fastjet's awkward interface."""
    try:
        import awkward as ak
        import fastjet
    except ImportError:
        return None
    counts = np.diff(offs)
    arr = ak.unflatten(
        ak.zip({"px": cons[:, 0], "py": cons[:, 1], "pz": cons[:, 2], "E": cons[:, 3]},
               with_name="Momentum4D"),
        counts)
    jetdef = fastjet.JetDefinition(fastjet.cambridge_algorithm, 0.8)
    out = np.empty(len(counts))
    step = 2000
    for a in range(0, len(counts), step):
        cs = fastjet.ClusterSequence(arr[a:a + step], jetdef)
        sd = cs.exclusive_jets_softdrop_grooming(njets=1, beta=0.0, symmetry_cut=0.1,
                                                 R0=0.8)
        out[a:a + step] = np.asarray(sd.msoftdrop)
    return out


def peak(m):
    bins = np.arange(MLO, MHI + BIN, BIN)
    h, _ = np.histogram(m, bins=bins)
    i = int(np.argmax(h))
    return 0.5 * (bins[i] + bins[i + 1])


def q(x):
    p = np.percentile(x, [10, 50, 90])
    return f"{x.mean():6.1f} [{p[0]:6.1f} {p[1]:6.1f} {p[2]:6.1f}]"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    data_dir = (sys.argv[1] if len(sys.argv) > 1 else
                os.path.normpath(os.path.join(here, "..", "..", "Content", "data", "jets")))
    man_path = os.path.join(data_dir, "manifest.json")
    if os.path.exists(man_path):
        with open(man_path) as f:
            man = json.load(f)
        bad = []
        total = 0
        for fn, info in man["files"].items():
            p = os.path.join(data_dir, fn)
            total += os.path.getsize(p)
            with open(p, "rb") as fh:
                if hashlib.sha256(fh.read()).hexdigest() != info["sha256"]:
                    bad.append(fn)
        print(f"manifest: {len(man['files'])} files, {total / 1e6:.2f} MB, "
              f"sha256 {'OK' if not bad else 'MISMATCH: ' + ', '.join(bad)}")

    cons, offs, labs = load(data_dir)
    mult = np.diff(offs)
    pt, eta, mass = jet_kinematics(cons, offs)
    gm = groomed_mass(cons, offs)
    print(f"jets: {len(labs)}, constituents: {len(cons)}")
    print("values: mean [10% 50% 90%]; peak = centre of the most populated "
          f"{BIN:.0f} GeV mass bin in {MLO:.0f}-{MHI:.0f} GeV")
    for lab, name in enumerate(CLASS_NAMES):
        s = labs == lab
        print(f"class {lab} {name:11s} n={s.sum():5d}")
        print(f"  multiplicity      {q(mult[s].astype(float))}")
        print(f"  jet pT [GeV]      {q(pt[s])}   |eta| max {np.abs(eta[s]).max():.2f}")
        print(f"  jet mass [GeV]    {q(mass[s])}   peak {peak(mass[s]):6.1f}")
        if gm is not None:
            print(f"  mMDT mass [GeV]   {q(gm[s])}   peak {peak(gm[s]):6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
