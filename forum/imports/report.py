"""What an import did (or, in a dry run, would do): counts, matches and every problem."""

from collections import Counter
from dataclasses import dataclass, field

# Problems listed one by one in the report, past this many only counted.
LISTED = 200


@dataclass
class Report:
    """Filled in by the import as it goes; shown on the console and on the desk."""

    source: str = ""
    dry_run: bool = False
    counts: Counter = field(default_factory=Counter)
    threads: list = field(default_factory=list)  # (archive key, URL, how, thread key)
    refused: list = field(default_factory=list)  # (archive key, why)
    orphans: list = field(default_factory=list)  # (archive key, missing parent key)
    notes: list = field(default_factory=list)

    def count(self, name, n=1):
        self.counts[name] += n

    def refuse(self, key, why):
        self.counts["refused"] += 1
        if len(self.refused) < LISTED:
            self.refused.append((key, why))

    def orphan(self, key, parent_key):
        self.counts["top-level, parent missing"] += 1
        if len(self.orphans) < LISTED:
            self.orphans.append((key, parent_key))

    def note(self, kind, text):
        self.counts[kind] += 1
        if len(self.notes) < LISTED:
            self.notes.append(text)

    def matched(self):
        """Return {how: number of threads} of the archive's threads."""
        return Counter(how for _, _, how, _ in self.threads)

    def as_dict(self):
        return {
            "source": self.source,
            "dry_run": self.dry_run,
            "counts": dict(self.counts),
            "threads_matched": dict(self.matched()),
            "threads": [
                {"archive": a, "url": u, "how": h, "thread": t} for a, u, h, t in self.threads
            ],
            "refused": [{"archive": k, "why": w} for k, w in self.refused],
            "orphans": [{"archive": k, "missing_parent": p} for k, p in self.orphans],
            "notes": self.notes,
        }

    def lines(self):
        """Return the report as lines of text, for the console."""
        head = "Dry run: nothing was written. " if self.dry_run else ""
        out = [f"{head}Import from {self.source}:"]
        out += [f"  {name}: {n}" for name, n in sorted(self.counts.items())]
        out.append("Threads matched:")
        out += [f"  by {how}: {n}" for how, n in sorted(self.matched().items())]
        for key, why in self.refused:
            out.append(f"  refused {key}: {why}")
        for key, parent in self.orphans:
            out.append(f"  {key} is top-level: its parent {parent} is not in the file")
        out += [f"  {note}" for note in self.notes]
        return out
