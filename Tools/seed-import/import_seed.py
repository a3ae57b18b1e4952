#!/usr/bin/env python3
"""Import the IML 2020 Indico event page (plain text) into the archive's Content/.

Writes Content/workshop.md, Content/sessions/*.md, Content/talks/*.md and Content/people/*.md.
Deterministic: the same seed and curation give byte-identical files. Python 3.11, standard library.

    python3 Tools/seed-import/import_seed.py            # write Content/
    python3 Tools/seed-import/import_seed.py --check    # exit 1 if Content/ is not up to date
    python3 Tools/seed-import/import_seed.py --report   # also print the track assignment table

Hand-made decisions live in curation.py next to this file.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

sys.dont_write_bytecode = True
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import curation  # noqa: E402

REPO = HERE.parent.parent
DEFAULT_SEED = REPO.parent / "shared" / "seed" / "iml2020-indico-event-page.txt"
TIME_ZONE = "Europe/Zurich"

BLOCK_RE = re.compile(r"^    • (\d\d:\d\d) (\d\d:\d\d)$")
ENTRY_RE = re.compile(r"^      • (\d\d:\d\d)$")
DURATION_RE = re.compile(r"^(.*\S) (\d+)m$")
PEOPLE_RE = re.compile(r"^\s*(Speakers?|Conveners?): (.*)$")
BLOCK_PEOPLE_RE = re.compile(r"^      (Conveners?): (.*)$")
TALK_PEOPLE_RE = re.compile(r"^        (Speakers?): (.*)$")


class SeedError(Exception):
    pass


# --------------------------------------------------------------------------------------------------
# Model of what the seed says


@dataclass
class PersonRef:
    source: str              # as written, e.g. "Dr Pietro Vischia"
    affiliation: str | None  # e.g. "Universite Catholique de Louvain (UCL) (BE)"


@dataclass
class Entry:
    start: str
    title: str
    duration: int
    body_lines: list[str]
    speakers: list[PersonRef]


@dataclass
class Block:
    start: str
    end: str
    title: str
    description_lines: list[str]
    conveners: list[PersonRef]
    entries: list[Entry] = field(default_factory=list)
    day: str = ""


@dataclass
class Seed:
    title: str
    organisers: list[PersonRef]
    description_lines: list[str]
    participants: list[str]
    blocks: list[Block]


def minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def hhmm(total: int) -> str:
    return f"{total // 60:02d}:{total % 60:02d}"


def split_people(text: str) -> list[PersonRef]:
    """'A (x), B (y (z)), C' -> refs; commas inside parentheses belong to the affiliation."""
    items, depth, current = [], 0, ""
    for ch in text.strip():
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            items.append(current.strip())
            current = ""
            continue
        current += ch
    if depth != 0:
        raise SeedError(f"unbalanced parentheses in people list: {text!r}")
    items.append(current.strip())
    refs = []
    for item in items:
        if "(" in item:
            name, rest = item.split("(", 1)
            if not rest.endswith(")"):
                raise SeedError(f"cannot read affiliation of {item!r}")
            refs.append(PersonRef(name.strip(), rest[:-1].strip()))
        else:
            refs.append(PersonRef(item.strip(), None))
    return refs


def parse_seed(text: str) -> Seed:
    lines = text.split("\n")
    title = lines[0].strip()
    tz_index = lines.index(TIME_ZONE)
    organisers = split_people(lines[tz_index + 1])
    desc_start = lines.index("Description") + 1
    reg_index = lines.index("Registration")
    description_lines = lines[desc_start:reg_index]
    part_index = lines.index("Participants")
    participants = []
    i = part_index + 1
    while i < len(lines) and lines[i].startswith("  • "):
        participants.append(lines[i][4:].strip())
        i += 1
    first_block = i
    if not BLOCK_RE.match(lines[first_block]):
        raise SeedError(f"line {first_block + 1}: expected the first timetable block")

    blocks: list[Block] = []
    block: Block | None = None
    entry: Entry | None = None
    state = ""
    i = first_block
    while i < len(lines):
        line = lines[i]
        lineno = i + 1
        if m := BLOCK_RE.match(line):
            block = Block(m.group(1), m.group(2), "", [], [])
            blocks.append(block)
            entry = None
            i += 1
            block.title = lines[i].strip()
            if not lines[i].startswith("      ") or not block.title:
                raise SeedError(f"line {i + 1}: expected a block title")
            state = "block-description"
        elif m := ENTRY_RE.match(line):
            if block is None:
                raise SeedError(f"line {lineno}: entry outside a block")
            # The title may run over several lines (one title has a hard line break).
            parts = []
            j = i + 1
            while True:
                if j >= len(lines) or not lines[j].strip():
                    raise SeedError(f"line {i + 1}: entry title without duration")
                parts.append(lines[j].strip())
                if DURATION_RE.match(lines[j].strip()):
                    break
                j += 1
            joined = " ".join(parts)
            dm = DURATION_RE.match(joined)
            entry = Entry(m.group(1), dm.group(1), int(dm.group(2)), [], [])
            block.entries.append(entry)
            i = j
            state = "entry-body"
        elif m := BLOCK_PEOPLE_RE.match(line):
            if block is None or entry is not None:
                raise SeedError(f"line {lineno}: convener line outside a block header")
            block.conveners = split_people(m.group(2))
            state = "block-people"
        elif m := TALK_PEOPLE_RE.match(line):
            if entry is None:
                raise SeedError(f"line {lineno}: speaker line outside an entry")
            entry.speakers = split_people(m.group(2))
            state = "entry-people"
        else:
            if state == "block-description":
                block.description_lines.append(line)
            elif state == "entry-body":
                entry.body_lines.append(line)
            elif line.strip():
                raise SeedError(f"line {lineno}: unexpected text after a people line: {line!r}")
        i += 1
    return Seed(title, organisers, description_lines, participants, blocks)


# --------------------------------------------------------------------------------------------------
# Text helpers


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("'", "").replace("’", "")
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


SLUG_FILLERS = {"a", "an", "and", "the", "of", "for", "in", "on", "with", "to", "at", "by", "from",
                "via", "or", "using", "as"}


def talk_slug(title: str, limit: int = 60) -> str:
    """Slug of the title, cut before the first title word (a run of non-spaces, so "under-parametrized"
    stays whole) that would make it longer than `limit`; trailing filler words are dropped."""
    out: list[str] = []
    for word in title.split():
        piece = slugify(word)
        if not piece:
            continue
        if len("-".join(out + [piece])) > limit:
            break
        out.append(piece)
    while len(out) > 1 and out[-1] in SLUG_FILLERS:
        out.pop()
    if not out:
        raise SeedError(f"cannot make an id from title {title!r}")
    return "-".join(out)


def dedent(lines: list[str], indent: int) -> list[str]:
    out = []
    for line in lines:
        line = line.replace("\u00a0", " ").rstrip()
        if line.startswith(" " * indent):
            line = line[indent:]
        else:
            line = line.lstrip()
        out.append(line)
    return out


def tidy_paragraphs(lines: list[str]) -> list[str]:
    """Trim blank lines at both ends and collapse runs of blank lines."""
    out: list[str] = []
    for line in lines:
        if not line.strip():
            if out and out[-1] != "":
                out.append("")
        else:
            out.append(line)
    while out and out[-1] == "":
        out.pop()
    return out


def bullets_to_markdown(lines: list[str]) -> list[str]:
    """'• item' -> '- item', with a blank line before and after each run of items so that the line
    after a list does not become a lazy continuation of its last item."""
    out: list[str] = []
    in_list = False
    for line in lines:
        stripped = line.lstrip()
        if stripped.startswith("• "):
            if not in_list and out and out[-1] != "":
                out.append("")
            out.append("- " + stripped[2:].strip())
            in_list = True
        else:
            if in_list and line.strip():
                out.append("")
            out.append(line.lstrip() if in_list else line)
            in_list = False
    return out


# --------------------------------------------------------------------------------------------------
# YAML front matter (every string double-quoted with JSON escapes, which is valid YAML)


def q(value: str) -> str:
    if any(ch in value for ch in "\u2028\u2029\u0085"):
        raise SeedError(f"line separator character in a YAML string: {value!r}")
    return json.dumps(value, ensure_ascii=False)


def yaml_list(key: str, values: list[str]) -> list[str]:
    return [f"{key}:"] + [f"  - {q(v)}" for v in values]


def document(front: list[str], body: str | None) -> str:
    text = "---\n" + "\n".join(front) + "\n---\n"
    if body:
        text += "\n" + body.rstrip("\n") + "\n"
    return text


# --------------------------------------------------------------------------------------------------
# Building the content


@dataclass
class Person:
    id: str
    name: str
    sources: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)


def strip_title(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0] in curation.NAME_TITLES:
        words = words[1:]
    return " ".join(words)


def display_name(source: str) -> str:
    name = strip_title(source)
    if name in curation.NAME_FIXES:
        name = curation.NAME_FIXES[name]
    elif name == name.lower() or any(len(w) > 1 and w.isupper() and w.isalpha() for w in name.split()):
        raise SeedError(f"name {name!r} needs a capitalisation decision in curation.NAME_FIXES")
    return curation.NAME_MERGES.get(name, name)


class People:
    def __init__(self) -> None:
        self.by_id: dict[str, Person] = {}

    def add(self, ref: PersonRef) -> str:
        name = display_name(ref.source)
        pid = slugify(name)
        person = self.by_id.setdefault(pid, Person(pid, name))
        if person.name != name:
            raise SeedError(f"two names for person id {pid}: {person.name!r}, {name!r}")
        plain = strip_title(ref.source)
        if plain not in person.sources:
            person.sources.append(plain)
        if ref.affiliation and ref.affiliation not in person.affiliations:
            person.affiliations.append(ref.affiliation)
        return pid

    def add_all(self, refs: list[PersonRef]) -> list[str]:
        return [pid for pid, _ in self.appearances(refs)]

    def appearances(self, refs: list[PersonRef]) -> list[tuple[str, str | None]]:
        """(id, affiliation at this appearance) in order; None when the appearance gives none, or
        names one person twice with different affiliations (two spellings in one speaker list)."""
        ids: list[str] = []
        given: dict[str, str | None] = {}
        for ref in refs:
            pid = self.add(ref)
            if pid not in ids:
                ids.append(pid)
                given[pid] = ref.affiliation
            elif given[pid] != ref.affiliation:
                given[pid] = None
        return [(pid, given[pid]) for pid in ids]

    def appearance_list(self, key: str, appearances: list[tuple[str, str | None]]) -> list[str]:
        """The YAML list of speakers or conveners: a person's affiliation is written beside them
        where the person has several and this appearance names one."""
        lines = [f"{key}:"]
        for pid, affiliation in appearances:
            if affiliation and len(self.by_id[pid].affiliations) > 1:
                lines.append(f"  - {{person: {q(pid)}, affiliation: {q(affiliation)}}}")
            else:
                lines.append(f"  - {q(pid)}")
        return lines

    def possible_duplicates(self) -> list[tuple[str, str]]:
        """Same family name (last word) and compatible given names (same initial)."""
        people = sorted(self.by_id.values(), key=lambda p: p.id)
        pairs = []
        for a_i, a in enumerate(people):
            for b in people[a_i + 1:]:
                aw, bw = a.name.split(), b.name.split()
                if aw[-1].lower() == bw[-1].lower() and aw[0][0].lower() == bw[0][0].lower():
                    pairs.append((a.name, b.name))
        return pairs


def normalised_name(name: str) -> str:
    """Case, accents, punctuation and spacing ignored, as the content loader compares names."""
    words, current = [], ""
    for ch in unicodedata.normalize("NFD", name):
        if unicodedata.category(ch) == "Mn":
            continue
        if ch.isalpha() or ch.isnumeric():
            current += ch.lower()
        elif current:
            words.append(current)
            current = ""
    if current:
        words.append(current)
    return " ".join(words)


def person_aliases(person: Person) -> list[str]:
    aliases, seen = [], {normalised_name(person.name)}
    for source in person.sources:
        if source == person.name:
            continue
        key = normalised_name(source)
        if key in seen and not curation.CASE_ONLY_ALIASES:
            continue  # differs only in case/accents/punctuation (see curation.CASE_ONLY_ALIASES)
        seen.add(key)
        aliases.append(source)
    return aliases


def person_file(person: Person) -> str:
    front = [f"name: {q(person.name)}"]
    if person.name in curation.SORT_AS:
        front.append(f"sort_as: {q(curation.SORT_AS[person.name])}")
    if person.affiliations:
        front += yaml_list("affiliations", person.affiliations)
    aliases = person_aliases(person)
    if aliases:
        front += yaml_list("aliases", aliases)
    return document(front, None)


def assign_days(blocks: list[Block]) -> None:
    days = list(curation.EXPECTED_BLOCKS)
    day_index, previous = 0, None
    for block in blocks:
        if previous is not None and minutes(block.start) < minutes(previous):
            day_index += 1
        if day_index >= len(days):
            raise SeedError("more days in the timetable than the workshop has")
        block.day = days[day_index]
        previous = block.start
    found: dict[str, list[tuple[str, str]]] = {}
    for block in blocks:
        found.setdefault(block.day, []).append((block.start, block.end))
    if found != curation.EXPECTED_BLOCKS:
        raise SeedError(f"timetable blocks do not match the expected days:\n{found}")


def session_kind(title: str) -> str:
    for prefix, kind in curation.SESSION_KINDS:
        if title.startswith(prefix):
            return kind
    raise SeedError(f"no session kind for block {title!r}")


def description_day_line(seed: Seed, day_word: str) -> str:
    for line in seed.description_lines:
        text = line.replace("\u00a0", " ").strip()
        if text.startswith("• " + day_word):
            return re.sub(r"\s+", " ", text[2:]).strip()
    raise SeedError(f"no {day_word} line in the description")


def walk_through_body(seed: Seed) -> str:
    line = description_day_line(seed, "Thursday")
    m = re.search(r", 4PM (.+?), 5PM (.+)$", line)
    if not m:
        raise SeedError(f"cannot read the Thursday programme: {line!r}")
    return (
        "The workshop description announces for Thursday afternoon:\n"
        "\n"
        f"- 16:00 {m.group(1)}\n"
        f"- 17:00 {m.group(2)}\n"
    )


def workshop_description(seed: Seed) -> str:
    lines = []
    for line in seed.description_lines:
        text = line.replace("\u00a0", " ")
        text = re.sub(r"(?<=\S) {2,}", " ", text).rstrip()
        if text.strip().startswith(curation.DESCRIPTION_DROP_PREFIXES):
            continue
        lines.append(text)
    lines = [l.lstrip() if re.match(r"^\s+\d+\. ", l) else l for l in lines]
    return "\n".join(tidy_paragraphs(bullets_to_markdown(lines)))


def parse_tracks(seed: Seed) -> list[dict]:
    tracks = []
    for line in seed.description_lines:
        m = re.match(r"^\s+(\d+)\. (.*)$", line.replace("\u00a0", " ").rstrip())
        if not m:
            continue
        number, rest = int(m.group(1)), m.group(2).strip()
        title, _, summary = rest.partition(" : ")
        tracks.append({"id": curation.TRACK_IDS[number - 1], "number": number,
                       "title": title.strip(), "summary": summary.strip() or None})
    if [t["number"] for t in tracks] != list(range(1, len(curation.TRACK_IDS) + 1)):
        raise SeedError("the description does not list tracks 1..13")
    return tracks


ARXIV_PREFIXED = re.compile(r"(?:arxiv\.org/abs/|arXiv:\s*|hep-ph:)(\d{4}\.\d{4,5})", re.IGNORECASE)
ARXIV_BARE = re.compile(r"(?<![\d.])(\d{4}\.\d{4,5})(?![\d])")


@dataclass
class TalkOut:
    id: str
    title: str
    session: str
    start: str
    duration: int
    speakers: list[tuple[str, str | None]]
    tracks: list[str]
    recording: str
    recording_note: str | None
    arxiv: list[str]
    abstract: str | None
    rule_tracks: list[str]


def assign_tracks(talk_id: str, title: str, abstract: str | None) -> tuple[list[str], list[str]]:
    text = title + "\n" + (abstract or "")
    rule = [t for t in curation.TRACK_IDS
            if any(re.search(p, text, re.IGNORECASE) for p in curation.TRACK_RULES.get(t, []))]
    override = curation.TRACK_OVERRIDES.get(talk_id, {})
    if "set" in override:
        final = list(override["set"])
    else:
        final = [t for t in rule if t not in override.get("remove", [])]
        final += [t for t in override.get("add", []) if t not in final]
    unknown = [t for t in final if t not in curation.TRACK_IDS]
    if unknown:
        raise SeedError(f"{talk_id}: unknown tracks {unknown}")
    final = sorted(set(final), key=curation.TRACK_IDS.index)
    return final, rule


def build(seed: Seed, warnings: list[str]) -> tuple[dict[str, str], dict]:
    """Returns {relative path: file text} and a summary for reporting."""
    files: dict[str, str] = {}
    people = People()
    organiser_ids = people.add_all(seed.organisers)
    assign_days(seed.blocks)
    tracks = parse_tracks(seed)

    talks: list[TalkOut] = []
    sessions_summary = []
    seen_slugs: dict[str, str] = {}
    untracked: list[str] = []
    session_outs = []
    for block in seed.blocks:
        sid = curation.SESSION_IDS[(block.day, block.start)]
        title = curation.SESSION_TITLE_FIXES.get(block.title, block.title)
        kind = session_kind(title)
        conveners = people.appearances(block.conveners)
        breaks = []
        for entry in block.entries:
            if entry.title in curation.BREAK_TITLES:
                if any(l.strip() for l in entry.body_lines) or entry.speakers:
                    raise SeedError(f"break {entry.title} at {entry.start} has content")
                breaks.append((entry.title, entry.start, entry.duration))
                continue
            tid = curation.TALK_SLUG_OVERRIDES.get(entry.title) or talk_slug(entry.title)
            if tid in seen_slugs:
                raise SeedError(f"talk id {tid} for both {seen_slugs[tid]!r} and {entry.title!r}")
            seen_slugs[tid] = entry.title
            body = dedent(entry.body_lines, 8)
            recording, note = curation.DEFAULT_RECORDING, None
            kept = []
            for line in body:
                if line.strip() in curation.RECORDING_MARKERS:
                    recording, note = curation.RECORDING_MARKERS[line.strip()]
                else:
                    kept.append(line)
            abstract_lines = tidy_paragraphs(kept)
            abstract = "\n".join(abstract_lines) if abstract_lines else None
            arxiv = []
            if abstract:
                for m in ARXIV_PREFIXED.finditer(abstract):
                    if m.group(1) not in arxiv:
                        arxiv.append(m.group(1))
                for m in ARXIV_BARE.finditer(abstract):
                    bare = m.group(1)
                    if bare in arxiv or bare in curation.NOT_ARXIV:
                        continue
                    if bare not in curation.EXTRA_ARXIV.get(tid, []):
                        raise SeedError(f"{tid}: '{bare}' looks like an arXiv id; decide in "
                                        "curation.EXTRA_ARXIV or curation.NOT_ARXIV")
            for extra in curation.EXTRA_ARXIV.get(tid, []):
                if abstract is None or extra not in abstract:
                    raise SeedError(f"{tid}: curated arXiv id {extra} is not written in the abstract")
                if extra not in arxiv:
                    arxiv.append(extra)
            speakers = people.appearances(entry.speakers)
            final_tracks, rule_tracks = assign_tracks(tid, entry.title, abstract)
            if not final_tracks:
                untracked.append(tid)
            talks.append(TalkOut(tid, entry.title, sid, entry.start, entry.duration, speakers,
                                 final_tracks, recording, note, arxiv, abstract, rule_tracks))

        if sid == curation.WALK_THROUGH_SESSION:
            body = walk_through_body(seed)
        else:
            desc = tidy_paragraphs(bullets_to_markdown(dedent(block.description_lines, 6)))
            body = "\n".join(desc) if desc else None
        # Written once every appearance is known: whether a convener's affiliation is written
        # beside them depends on all the affiliations the person has.
        session_outs.append((sid, title, kind, block, conveners, breaks, body))
        sessions_summary.append((sid, kind, block.day, block.start, block.end, len(breaks)))

    for sid, title, kind, block, conveners, breaks, body in session_outs:
        front = [f"title: {q(title)}", f"kind: {q(kind)}", f"day: {q(block.day)}",
                 f"start: {q(block.start)}", f"end: {q(block.end)}"]
        if conveners:
            front += people.appearance_list("conveners", conveners)
        if breaks:
            front.append("breaks:")
            for btitle, bstart, bduration in breaks:
                front += [f"  - title: {q(btitle)}", f"    start: {q(bstart)}", f"    duration: {bduration}"]
        files[f"sessions/{sid}.md"] = document(front, body)

    if untracked:
        raise SeedError("talks without a track (add them to curation.TRACK_OVERRIDES): "
                        + ", ".join(untracked))
    for talk in talks:
        front = [f"title: {q(talk.title)}", f"session: {q(talk.session)}", f"start: {q(talk.start)}",
                 f"duration: {talk.duration}"]
        if talk.speakers:
            front += people.appearance_list("speakers", talk.speakers)
        front += yaml_list("tracks", talk.tracks)
        front.append(f"recording: {q(talk.recording)}")
        if talk.recording_note:
            front.append(f"recording_note: {q(talk.recording_note)}")
        if talk.arxiv:
            front.append("materials:")
            front.append("  arxiv:")
            front += [f"    - {q(a)}" for a in talk.arxiv]
        files[f"talks/{talk.id}.md"] = document(front, talk.abstract)

    for pid, person in people.by_id.items():
        files[f"people/{pid}.md"] = person_file(person)
    known_pairs = set(curation.NOT_SAME_PERSON)
    for a, b in people.possible_duplicates():
        if (a, b) not in known_pairs and (b, a) not in known_pairs:
            warnings.append(f"possible duplicate person: {a!r} / {b!r} "
                            "(merge in NAME_MERGES or list in NOT_SAME_PERSON)")

    w = curation.WORKSHOP
    front = [f"title: {q(seed.title)}", f"short_title: {q(w['short_title'])}", f"acronym: {q(w['acronym'])}",
             f"series: {q(w['series'])}",
             f"edition: {w['edition']}", f"start_date: {q(w['start_date'])}", f"end_date: {q(w['end_date'])}",
             f"time_zone: {q(TIME_ZONE)}", f"venue: {q(w['venue'])}"]
    front += yaml_list("organisers", organiser_ids)
    front.append(f"registrations: {len(seed.participants)}")
    front.append(f"source_date: {q(w['source_date'])}")
    front.append("tracks:")
    for t in tracks:
        front += [f"  - id: {q(t['id'])}", f"    number: {t['number']}", f"    title: {q(t['title'])}"]
        if t["summary"]:
            front.append(f"    summary: {q(t['summary'])}")
    if curation.LINKS:
        front.append("links:")
        for link in curation.LINKS:
            if link["url"].removeprefix("mailto:") not in "\n".join(seed.description_lines):
                raise SeedError(f"link {link['url']} is not in the source")
            front += [f"  - title: {q(link['title'])}", f"    url: {q(link['url'])}"]
    files["workshop.md"] = document(front, workshop_description(seed))

    summary = {"sessions": sessions_summary, "talks": talks, "people": people, "tracks": tracks,
               "registrations": len(seed.participants), "breaks": sum(s[5] for s in sessions_summary)}
    return files, summary


# --------------------------------------------------------------------------------------------------


OWNED_DIRS = ("sessions", "talks", "people")


def write(content_dir: Path, files: dict[str, str], check: bool) -> list[str]:
    """Write files (only when changed) and remove stale .md files in the owned folders.
    Returns the list of paths that differ (were or would be written/removed)."""
    changed = []
    for rel in sorted(files):
        path = content_dir / rel
        data = files[rel].encode("utf-8")
        if not path.exists() or path.read_bytes() != data:
            changed.append(rel)
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
    for folder in OWNED_DIRS:
        directory = content_dir / folder
        if not directory.is_dir():
            continue
        for path in sorted(directory.glob("*.md")):
            rel = f"{folder}/{path.name}"
            if rel not in files:
                changed.append(rel + " (stale)")
                if not check:
                    path.unlink()
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=Path, default=DEFAULT_SEED)
    parser.add_argument("--content", type=Path, default=REPO / "Content")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if Content/ differs")
    parser.add_argument("--report", action="store_true", help="print the track assignment of every talk")
    args = parser.parse_args(argv)

    text = args.seed.read_text(encoding="utf-8")
    warnings: list[str] = []
    try:
        seed = parse_seed(text)
        files, summary = build(seed, warnings)
    except SeedError as error:
        print(f"{args.seed}: error: {error}", file=sys.stderr)
        return 1
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)

    changed = write(args.content, files, args.check)
    talks = summary["talks"]
    print(f"sessions: {len(summary['sessions'])}, talks: {len(talks)}, breaks: {summary['breaks']}, "
          f"people: {len(summary['people'].by_id)}, tracks: {len(summary['tracks'])}, "
          f"registrations: {summary['registrations']}")
    counts = {t: sum(t in talk.tracks for talk in talks) for t in curation.TRACK_IDS}
    print("talks per track: " + ", ".join(f"{t} {n}" for t, n in counts.items()))
    if args.report:
        for talk in talks:
            marker = "" if talk.tracks == talk.rule_tracks else f"   (rules: {', '.join(talk.rule_tracks) or '-'})"
            print(f"{talk.session:28} {talk.start} {talk.id:62} {', '.join(talk.tracks)}{marker}")
    if args.check:
        if changed:
            print("out of date: " + ", ".join(changed), file=sys.stderr)
            return 1
        print("Content/ is up to date")
    else:
        print(f"wrote {len(changed)} file(s) into {args.content}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
