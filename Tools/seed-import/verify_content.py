#!/usr/bin/env python3
"""Check the archive's Content/ (workshop.md, sessions/, talks/, people/) against the content schema
of README.md and against the facts of the IML 2020 seed. Python 3.11, standard library only.

    python3 Tools/seed-import/verify_content.py [--content Content] [--seed PATH]

Prints counts, then every problem as `path: error: message`; exits 1 if there is any problem.
It reads the front matter with its own small parser for the YAML subset the importer writes
(block mappings and lists, double-quoted strings, integers); anything else is reported.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_SEED = REPO.parent / "shared" / "seed" / "iml2020-indico-event-page.txt"

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ARXIV_RE = re.compile(r"^\d{4}\.\d{4,5}$")
SECRETS = ["723827", "Zoom", "Password", "password"]
TITLES = ("Dr ", "Dr. ", "Mr ", "Mr. ", "Ms ", "Ms. ", "Mrs ", "Prof ", "Prof. ")

EXPECTED = {"sessions": 13, "talks": 66, "breaks": 3, "tracks": 13, "registrations": 962,
            "days": ["2020-10-19", "2020-10-20", "2020-10-21", "2020-10-22", "2020-10-23"]}

WORKSHOP_KEYS = ({"title", "short_title", "series", "edition", "start_date", "end_date", "time_zone",
                  "organisers", "registrations", "source_date", "tracks"},
                 {"venue", "links", "acronym", "site_id", "base_url"})
SESSION_KEYS = ({"title", "kind", "day", "start", "end"}, {"conveners", "breaks"})
TALK_KEYS = ({"title", "session", "start", "duration", "tracks", "recording"},
             {"speakers", "recording_note", "materials"})
PERSON_KEYS = ({"name"}, {"sort_as", "affiliations", "aliases"})
KINDS = {"plenary", "workshop", "tutorial", "seminar", "walk-through"}
RECORDINGS = {"recorded", "not-recorded", "video-with-recorded-qa", "unknown"}


class ParseError(Exception):
    pass


# --------------------------------------------------------------------------------------------------
# A small parser for the YAML subset of the front matter


def scalar(text: str, where: str):
    text = text.strip()
    if text.startswith('"'):
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            raise ParseError(f"{where}: bad double-quoted string {text!r}: {error}")
        if not isinstance(value, str):
            raise ParseError(f"{where}: not a string: {text!r}")
        return value
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if text == "[]":
        return []
    # A speaker or convener with the affiliation of that appearance, as the importer writes it:
    # {person: "id", affiliation: "text"}.
    appearance = re.fullmatch(r'\{person: ("(?:[^"\\]|\\.)*"), affiliation: ("(?:[^"\\]|\\.)*")\}', text)
    if appearance:
        return {"person": scalar(appearance.group(1), where), "affiliation": scalar(appearance.group(2), where)}
    raise ParseError(f"{where}: unquoted scalar {text!r} (the importer quotes every string)")


def parse_block(lines: list[tuple[int, str]], indent: int, where: str):
    """lines: (line number, text) all indented >= indent. Returns a dict or a list."""
    if not lines:
        raise ParseError(f"{where}: empty block")
    first = lines[0][1]
    if first[indent:].startswith("- "):
        items, current = [], None
        for lineno, text in lines:
            body = text[indent:]
            if body.startswith("- "):
                current = [(lineno, " " * (indent + 2) + body[2:])]
                items.append(current)
            elif text.startswith(" " * (indent + 2)):
                if current is None:
                    raise ParseError(f"{where}:{lineno}: continuation before a list item")
                current.append((lineno, text))
            else:
                raise ParseError(f"{where}:{lineno}: bad indentation")
        out = []
        for item in items:
            lineno, text = item[0]
            if len(item) == 1 and not re.match(r"^\s*[a-z_]+:( |$)", text):
                out.append(scalar(text, f"{where}:{lineno}"))
            else:
                out.append(parse_block(item, indent + 2, where))
        return out
    out: dict = {}
    i = 0
    while i < len(lines):
        lineno, text = lines[i]
        if text[:indent].strip() or text[indent] == " ":
            raise ParseError(f"{where}:{lineno}: bad indentation")
        m = re.match(r"^([a-z_]+):(?: (.*))?$", text[indent:])
        if not m:
            raise ParseError(f"{where}:{lineno}: expected 'key: value', got {text!r}")
        key, value = m.group(1), m.group(2)
        if key in out:
            raise ParseError(f"{where}:{lineno}: duplicate key {key}")
        i += 1
        if value is not None and value.strip():
            out[key] = scalar(value, f"{where}:{lineno}")
        else:
            child = []
            while i < len(lines) and (lines[i][1].startswith(" " * (indent + 1))
                                      or lines[i][1][indent:].startswith("- ")):
                child.append(lines[i])
                i += 1
            if not child:
                raise ParseError(f"{where}:{lineno}: key {key} without a value")
            child_indent = len(child[0][1]) - len(child[0][1].lstrip(" "))
            out[key] = parse_block(child, child_indent, where)
    return out


def read_entity(path: Path, problems: list[str]):
    raw = path.read_bytes()
    rel = str(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        problems.append(f"{rel}: error: not UTF-8")
        return None, None
    if "\r" in text:
        problems.append(f"{rel}: error: CR line endings")
    if not text.endswith("\n"):
        problems.append(f"{rel}: error: no final newline")
    for n, line in enumerate(text.split("\n"), 1):
        if line != line.rstrip():
            problems.append(f"{rel}:{n}: error: trailing whitespace")
    lines = text.split("\n")
    if lines[0] != "---" or "---" not in lines[1:]:
        problems.append(f"{rel}: error: no front matter between '---' lines")
        return None, None
    end = lines.index("---", 1)
    front_lines = [(n + 1, l) for n, l in enumerate(lines[1:end], 1) if l.strip()]
    try:
        front = parse_block(front_lines, 0, rel) if front_lines else {}
    except ParseError as error:
        problems.append(f"{error}: error")
        return None, None
    body = "\n".join(lines[end + 1:]).strip()
    return front, body or None


def check_keys(rel: str, front: dict, keys: tuple[set, set], problems: list[str]) -> None:
    required, optional = keys
    for key in sorted(required - front.keys()):
        problems.append(f"{rel}: error: missing key '{key}'")
    for key in sorted(front.keys() - required - optional):
        problems.append(f"{rel}: error: unknown key '{key}' (expected: {', '.join(sorted(required | optional))})")


def normalised_name(name: str) -> str:
    """Case, accents, punctuation and spacing ignored (as the content loader compares names)."""
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


def minutes(t: str) -> int:
    return int(t[:2]) * 60 + int(t[3:])


def is_str_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


# --------------------------------------------------------------------------------------------------


def participants_from_seed(seed: Path) -> tuple[list[str], str]:
    lines = seed.read_text(encoding="utf-8").split("\n")
    start = lines.index("Participants") + 1
    names = []
    i = start
    while i < len(lines) and lines[i].startswith("  • "):
        names.append(lines[i][4:].strip())
        i += 1
    description = "\n".join(lines[lines.index("Description") + 1:lines.index("Registration")])
    return names, description.replace("\u00a0", " ")


def verify(content: Path, seed: Path | None) -> tuple[list[str], list[str]]:
    problems: list[str] = []
    report: list[str] = []

    def load_dir(name: str) -> dict[str, tuple[dict, str | None, str]]:
        out = {}
        directory = content / name
        if not directory.is_dir():
            problems.append(f"{directory}: error: missing folder")
            return out
        for path in sorted(directory.iterdir()):
            if path.name.startswith("."):
                continue
            if path.suffix != ".md":
                problems.append(f"{path}: error: not a .md file")
                continue
            if not ID_RE.match(path.stem):
                problems.append(f"{path}: error: id '{path.stem}' is not [a-z0-9]+(-[a-z0-9]+)*")
            front, body = read_entity(path, problems)
            if front is not None:
                out[path.stem] = (front, body, str(path))
        return out

    workshop_path = content / "workshop.md"
    workshop, workshop_body = read_entity(workshop_path, problems) if workshop_path.exists() else (None, None)
    if workshop is None:
        problems.append(f"{workshop_path}: error: missing or unreadable")
        workshop = {}
    sessions = load_dir("sessions")
    talks = load_dir("talks")
    people = load_dir("people")

    # -- workshop
    wrel = str(workshop_path)
    check_keys(wrel, workshop, WORKSHOP_KEYS, problems)
    for key in ("start_date", "end_date"):
        if not DAY_RE.match(str(workshop.get(key, ""))):
            problems.append(f"{wrel}: error: {key} is not YYYY-MM-DD")
    if workshop.get("time_zone") != "Europe/Zurich":
        problems.append(f"{wrel}: error: time_zone is not Europe/Zurich")
    if not re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$", str(workshop.get("source_date", ""))):
        problems.append(f"{wrel}: error: source_date is not YYYY-MM-DDTHH:MM")
    if not isinstance(workshop.get("edition"), int):
        problems.append(f"{wrel}: error: edition is not an integer")
    tracks = workshop.get("tracks", [])
    track_ids = []
    for n, track in enumerate(tracks if isinstance(tracks, list) else [], 1):
        if not isinstance(track, dict):
            problems.append(f"{wrel}: error: track {n} is not a mapping")
            continue
        extra = track.keys() - {"id", "number", "title", "summary"}
        if extra or not {"id", "number", "title"} <= track.keys():
            problems.append(f"{wrel}: error: track {n} has keys {sorted(track)}")
        if track.get("number") != n:
            problems.append(f"{wrel}: error: track {track.get('id')} has number {track.get('number')}, expected {n}")
        if not ID_RE.match(str(track.get("id", ""))):
            problems.append(f"{wrel}: error: bad track id {track.get('id')!r}")
        track_ids.append(track.get("id"))
    if len(set(track_ids)) != len(track_ids):
        problems.append(f"{wrel}: error: duplicate track ids")
    for link in workshop.get("links", []) or []:
        if not isinstance(link, dict) or set(link) != {"title", "url"}:
            problems.append(f"{wrel}: error: link {link!r} is not {{title, url}}")
        elif not re.match(r"^(https?://|mailto:)\S+$", link["url"]):
            problems.append(f"{wrel}: error: link url {link['url']!r} is not https/http/mailto")
    organisers = workshop.get("organisers", [])
    if not is_str_list(organisers) or not organisers:
        problems.append(f"{wrel}: error: organisers is not a non-empty list of ids")
        organisers = []
    for pid in organisers:
        if pid not in people:
            problems.append(f"{wrel}: error: organiser '{pid}' has no people/{pid}.md")

    start_date, end_date = workshop.get("start_date", ""), workshop.get("end_date", "")

    # -- sessions
    referenced_people: set[str] = set(organisers)
    break_count = 0
    intervals: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for sid, (front, body, rel) in sessions.items():
        check_keys(rel, front, SESSION_KEYS, problems)
        if front.get("kind") not in KINDS:
            problems.append(f"{rel}: error: kind {front.get('kind')!r} is not one of {sorted(KINDS)}")
        day = str(front.get("day", ""))
        if not DAY_RE.match(day) or not (start_date <= day <= end_date):
            problems.append(f"{rel}: error: day {day!r} is not within the workshop")
        s, e = str(front.get("start", "")), str(front.get("end", ""))
        if not (TIME_RE.match(s) and TIME_RE.match(e)) or minutes(s) >= minutes(e):
            problems.append(f"{rel}: error: bad start/end {s!r}-{e!r}")
            continue
        for pid in front.get("conveners", []) or []:
            pid = pid["person"] if isinstance(pid, dict) else pid
            referenced_people.add(pid)
            if pid not in people:
                problems.append(f"{rel}: error: convener '{pid}' has no people/{pid}.md")
        for brk in front.get("breaks", []) or []:
            if not isinstance(brk, dict) or set(brk) != {"title", "start", "duration"}:
                problems.append(f"{rel}: error: break {brk!r} is not {{title, start, duration}}")
                continue
            break_count += 1
            bs = minutes(brk["start"]) if TIME_RE.match(str(brk["start"])) else -1
            be = bs + brk["duration"] if isinstance(brk["duration"], int) else -1
            if bs < minutes(s) or be > minutes(e) or be <= bs:
                problems.append(f"{rel}: error: break at {brk['start']} is not inside {s}-{e}")
            intervals[sid].append((bs, be, f"break {brk['title']} {brk['start']}"))

    # -- talks
    per_track: Counter = Counter()
    recordings: Counter = Counter()
    arxiv_count = 0
    for tid, (front, body, rel) in talks.items():
        check_keys(rel, front, TALK_KEYS, problems)
        sid = front.get("session")
        if sid not in sessions:
            problems.append(f"{rel}: error: session '{sid}' has no sessions/{sid}.md")
            continue
        session = sessions[sid][0]
        start, duration = str(front.get("start", "")), front.get("duration")
        if not TIME_RE.match(start) or not isinstance(duration, int) or duration <= 0:
            problems.append(f"{rel}: error: bad start/duration {start!r}/{duration!r}")
            continue
        ts, te = minutes(start), minutes(start) + duration
        if ts < minutes(session["start"]) or te > minutes(session["end"]):
            problems.append(f"{rel}: error: {start}+{duration}m is outside session {sid} "
                            f"({session['start']}-{session['end']})")
        intervals[sid].append((ts, te, f"talk {tid}"))
        speakers = [s["person"] if isinstance(s, dict) else s for s in front.get("speakers", []) or []]
        if not is_str_list(speakers):
            problems.append(f"{rel}: error: speakers is not a list of ids")
            speakers = []
        for pid in speakers:
            referenced_people.add(pid)
            if pid not in people:
                problems.append(f"{rel}: error: speaker '{pid}' has no people/{pid}.md")
        if len(set(speakers)) != len(speakers):
            problems.append(f"{rel}: error: a speaker is listed twice")
        talk_tracks = front.get("tracks", [])
        if not is_str_list(talk_tracks) or not talk_tracks:
            problems.append(f"{rel}: error: a talk needs at least one track")
            talk_tracks = []
        for track in talk_tracks:
            per_track[track] += 1
            if track not in track_ids:
                problems.append(f"{rel}: error: track '{track}' is not declared in workshop.md")
        recording = front.get("recording")
        recordings[recording] += 1
        if recording not in RECORDINGS:
            problems.append(f"{rel}: error: recording {recording!r} is not one of {sorted(RECORDINGS)}")
        materials = front.get("materials", {})
        if materials:
            if not isinstance(materials, dict) or materials.keys() - {"slides", "video", "code", "arxiv"}:
                problems.append(f"{rel}: error: materials has unknown keys")
            else:
                for key in ("slides", "video", "code"):
                    if key in materials and not re.match(r"^https?://\S+$", str(materials[key])):
                        problems.append(f"{rel}: error: materials.{key} is not an http(s) URL")
                for ident in materials.get("arxiv", []):
                    arxiv_count += 1
                    if not ARXIV_RE.match(str(ident)):
                        problems.append(f"{rel}: error: bad arXiv id {ident!r}")
                    elif body is None or ident not in body:
                        problems.append(f"{rel}: error: arXiv id {ident} is not written in the abstract")

    for sid, items in intervals.items():
        items.sort()
        for (a_s, a_e, a), (b_s, b_e, b) in zip(items, items[1:]):
            if b_s < a_e:
                problems.append(f"{sessions[sid][2]}: error: {a} overlaps {b}")

    # -- people
    name_owner: dict[str, str] = {}
    for pid, (front, body, rel) in people.items():
        own = set()
        for entry in [front.get("name", "")] + list(front.get("aliases", []) or []):
            key = normalised_name(str(entry))
            if str(entry) in own:
                problems.append(f"{rel}: error: alias '{entry}' repeats the name or another alias")
                continue
            own.add(str(entry))
            if key in name_owner and name_owner[key] != pid:
                problems.append(f"{rel}: error: '{entry}' is also a name or alias of people/{name_owner[key]}.md")
            name_owner[key] = pid
    for pid, (front, body, rel) in people.items():
        check_keys(rel, front, PERSON_KEYS, problems)
        name = str(front.get("name", ""))
        if name.startswith(TITLES):
            problems.append(f"{rel}: error: name {name!r} starts with a title")
        if name == name.lower() or name == name.upper():
            problems.append(f"{rel}: error: name {name!r} is not capitalised")
        for key in ("affiliations", "aliases"):
            if key in front and (not is_str_list(front[key]) or not front[key]):
                problems.append(f"{rel}: error: {key} is not a non-empty list of strings")
        if pid not in referenced_people:
            problems.append(f"{rel}: error: person is not an organiser, convener or speaker")

    # -- privacy
    texts = {}
    for path in [workshop_path, *sorted((content / "sessions").glob("*.md")),
                 *sorted((content / "talks").glob("*.md")), *sorted((content / "people").glob("*.md"))]:
        if path.exists():
            texts[str(path)] = path.read_text(encoding="utf-8")
    for rel, text in texts.items():
        for secret in SECRETS:
            if secret in text:
                problems.append(f"{rel}: error: contains '{secret}'")
    participants: list[str] = []
    named_in_description: list[str] = []
    if seed is not None and seed.exists():
        participants, description = participants_from_seed(seed)
        allowed = set()
        for front, _, _ in people.values():
            allowed.add(front.get("name"))
            allowed.update(front.get("aliases", []) or [])
        for name in sorted(set(participants)):
            if name in allowed:
                continue  # a speaker, convener or organiser
            if name in description:
                # named in the public description (the Thursday programme), not only as a registrant
                if any(name in text for text in texts.values()):
                    named_in_description.append(name)
                continue
            for rel, text in texts.items():
                if name in text:
                    problems.append(f"{rel}: error: names registrant '{name}' who is not a speaker, "
                                    "convener or organiser")
        if workshop.get("registrations") != len(participants):
            problems.append(f"{wrel}: error: registrations {workshop.get('registrations')} but the seed "
                            f"lists {len(participants)}")

    # -- expected totals
    days = sorted({str(f.get("day")) for f, _, _ in sessions.values()})
    for label, actual in (("sessions", len(sessions)), ("talks", len(talks)), ("breaks", break_count),
                          ("tracks", len(track_ids)), ("registrations", workshop.get("registrations")),
                          ("days", days)):
        if actual != EXPECTED[label]:
            problems.append(f"{content}: error: {label} = {actual}, expected {EXPECTED[label]}")

    per_day = Counter()
    for front, _, _ in talks.values():
        if front.get("session") in sessions:
            per_day[sessions[front["session"]][0]["day"]] += 1
    report.append(f"sessions: {len(sessions)}  talks: {len(talks)}  breaks: {break_count}  "
                  f"people: {len(people)}  tracks: {len(track_ids)}  "
                  f"registrations: {workshop.get('registrations')}"
                  + (f" (seed lists {len(participants)})" if participants else ""))
    report.append("sessions per kind: " + ", ".join(
        f"{k} {n}" for k, n in sorted(Counter(f.get("kind") for f, _, _ in sessions.values()).items())))
    report.append("talks per day: " + ", ".join(f"{d} {per_day[d]}" for d in days))
    report.append("talks per track: " + ", ".join(f"{t} {per_track[t]}" for t in track_ids))
    report.append("recordings: " + ", ".join(f"{k} {n}" for k, n in sorted(recordings.items())))
    report.append(f"talks with an abstract: {sum(1 for _, b, _ in talks.values() if b)}  "
                  f"talks without speakers: {sum(1 for f, _, _ in talks.values() if not f.get('speakers'))}  "
                  f"arXiv ids: {arxiv_count}")
    if named_in_description:
        report.append("registrants named in Content only through the public description: "
                      + ", ".join(named_in_description))
    report.append(f"people without affiliation: "
                  f"{sum(1 for f, _, _ in people.values() if not f.get('affiliations'))}  "
                  f"with aliases: {sum(1 for f, _, _ in people.values() if f.get('aliases'))}")
    return report, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check Content/ of the IML 2020 archive.")
    parser.add_argument("--content", type=Path, default=REPO / "Content")
    parser.add_argument("--seed", type=Path, default=DEFAULT_SEED,
                        help="the seed, for the registration checks (skipped when missing)")
    args = parser.parse_args(argv)
    report, problems = verify(args.content, args.seed)
    for line in report:
        print(line)
    if not args.seed.exists():
        print(f"note: {args.seed} not found; registration checks skipped")
    for problem in problems:
        print(problem, file=sys.stderr)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
