"""Koers's starter catalogues (written for Koers, in the spirit of the seed's appendices 1-3: a values
overview, a list of limiting beliefs, a competency list). Organisations add their own items on top.

Each row: (catalogue, stable starter key, name, short description).
"""

from __future__ import annotations

from koers.coaching.models import CatalogueKind

V, B, C = CatalogueKind.values, CatalogueKind.limiting_beliefs, CatalogueKind.competencies

STARTER: list[tuple[CatalogueKind, str, str, str]] = [
    (V, "value-autonomy", "Autonomy", "Deciding for yourself how and when you do your work."),
    (V, "value-security", "Security", "Knowing where you stand: a stable income and a predictable future."),
    (V, "value-growth", "Growth", "Learning new things and becoming better at what you do."),
    (V, "value-recognition", "Recognition", "Being seen and appreciated for what you contribute."),
    (V, "value-connection", "Connection", "Working with people you trust and belong with."),
    (V, "value-meaning", "Meaning", "Work that matters to others or to society."),
    (V, "value-balance", "Balance", "Room for family, health and life outside work."),
    (V, "value-creativity", "Creativity", "Making something new; finding your own solutions."),
    (V, "value-influence", "Influence", "Having a say in decisions and direction."),
    (V, "value-variety", "Variety", "Different tasks, places and people rather than routine."),
    (V, "value-craft", "Craftsmanship", "Doing a job thoroughly and well, with pride in the result."),
    (V, "value-integrity", "Integrity", "Acting in line with what you believe is right."),
    (B, "belief-too-old", "I am too old to change", "Age is taken as a reason not to start something new."),
    (B, "belief-not-good-enough", "I am not good enough", "Doubting one's own ability despite evidence of it."),
    (B, "belief-must-please", "I must keep everyone happy", "Others' expectations come before one's own wishes."),
    (B, "belief-no-mistakes", "I may not make mistakes", "Fear of failing keeps one from trying."),
    (B, "belief-stay-loyal", "Leaving means letting people down", "Loyalty experienced as an obligation to stay."),
    (B, "belief-luck", "Success is a matter of luck", "Outcomes feel outside one's own influence."),
    (B, "belief-one-right-choice", "There is one right choice", "Waiting for certainty before choosing anything."),
    (B, "belief-no-network", "I do not know the right people", "Believing opportunities are closed to you."),
    (B, "belief-money-first", "I cannot afford to change", "Financial worry ruling out every alternative."),
    (B, "belief-diploma", "Without the right diploma it is pointless", "Formal papers seen as the only entry."),
    (C, "comp-self-reflection", "Self-reflection", "Knowing your own qualities, motives and pitfalls."),
    (C, "comp-networking", "Networking", "Building and using contacts for your career."),
    (C, "comp-career-steering", "Career steering", "Taking initiative and planning your own next steps."),
    (C, "comp-adaptability", "Adaptability", "Adjusting to new circumstances, tasks and teams."),
    (C, "comp-communication", "Communication", "Explaining clearly, listening and asking questions."),
    (C, "comp-collaboration", "Collaboration", "Working with others towards a shared result."),
    (C, "comp-learning", "Learning agility", "Picking up new knowledge and skills quickly."),
    (C, "comp-problem-solving", "Problem solving", "Analysing a problem and finding workable solutions."),
    (C, "comp-planning", "Planning and organising", "Setting priorities and keeping to agreements."),
    (C, "comp-leadership", "Leadership", "Giving direction and helping others do their best."),
    (C, "comp-resilience", "Resilience", "Recovering from setbacks and keeping going."),
    (C, "comp-customer-focus", "Customer focus", "Understanding and serving what others need."),
]
