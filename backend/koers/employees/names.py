"""Dutch personal names: the family-name particle (tussenvoegsel) and the sort key that ignores it.

Dutch practice (and NEN 1888 address ordering) files "van der Berg" under B: the particle is written with
the name but sorted apart. An HRIS export may carry the particle in its own column or inside the family name.
"""

from __future__ import annotations

import unicodedata

# Common Dutch (and Flemish/German/French) particles, longest first so "van der" wins over "van".
PARTICLES = sorted(
    {
        "van",
        "de",
        "der",
        "den",
        "het",
        "ter",
        "ten",
        "te",
        "op",
        "in",
        "onder",
        "over",
        "uit",
        "bij",
        "aan",
        "'t",
        "'s",
        "d'",
        "l'",
        "la",
        "le",
        "du",
        "des",
        "von",
        "vom",
        "zu",
        "zum",
        "zur",
        "del",
        "della",
        "van de",
        "van der",
        "van den",
        "van het",
        "van 't",
        "in de",
        "in het",
        "in 't",
        "op de",
        "op den",
        "op het",
        "op 't",
        "uit de",
        "uit den",
        "uit het",
        "van de l'",
        "de la",
        "de le",
        "von der",
        "aan de",
        "aan den",
        "aan het",
        "bij de",
        "onder de",
        "over de",
        "van ter",
        "in den",
        "uijt de",
    },
    key=lambda p: -len(p),
)


def split_particle(family_name: str) -> tuple[str | None, str]:
    """Split a leading particle from ``family_name``: ``"van der Berg"`` → ``("van der", "Berg")``.

    Only a particle followed by at least one more word is split, so a family name that *is* a particle
    word ("De" alone) is kept whole. Case of both parts is preserved.
    """
    name = " ".join(family_name.split())
    lowered = name.lower()
    for particle in PARTICLES:
        if lowered.startswith(particle + " ") and len(name) > len(particle) + 1:
            return name[: len(particle)], name[len(particle) + 1 :]
    return None, name


def sort_key(family_name: str, given_name: str) -> str:
    """The key employees are sorted by: family name without particle, then given name; case- and
    accent-insensitive (Unicode NFKD with combining marks removed), at most 200 characters."""

    def fold(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text)
        return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()

    return f"{fold(family_name)}\x1f{fold(given_name)}"[:200].replace("\x1f", " ")


def display_name(given_name: str, prefix: str | None, family_name: str) -> str:
    """ "Pieter van der Berg": the name as written in running text."""
    return " ".join(part for part in (given_name, prefix, family_name) if part)
