"""Word lists for the synthetic data set: Dutch-ish given names, family names with particles
(tussenvoegsels), departments, job titles, sectors. Invented combinations only — no real person's data."""

from __future__ import annotations

GIVEN_NAMES = (
    "Jan", "Pieter", "Kees", "Henk", "Willem", "Johan", "Gerrit", "Bram", "Daan", "Sem", "Lucas", "Finn",
    "Thijs", "Ruben", "Joost", "Maarten", "Sander", "Jeroen", "Bas", "Niels", "Tim", "Lars", "Koen", "Wouter",
    "Stijn", "Jesse", "Mohammed", "Youssef", "Mehmet", "Emre", "Rahul", "Chen", "Wei", "Tomasz", "Piotr",
    "Anna", "Maria", "Sanne", "Lotte", "Femke", "Eva", "Sophie", "Julia", "Emma", "Lisa", "Anouk", "Inge",
    "Marieke", "Annemiek", "Ingrid", "Petra", "Monique", "Esther", "Ilse", "Noor", "Fleur", "Saskia", "Yvonne",
    "Fatima", "Aylin", "Elif", "Priya", "Agnieszka", "Hélène", "Zoë", "Chloë", "Renée", "Mieke", "Joke", "Tineke",
)  # fmt: skip

FAMILY_NAMES = (
    "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos", "Peters", "Hendriks", "Dekker",
    "Dijkstra", "Brouwer", "Janssen", "Willems", "Kok", "Jacobs", "Schouten", "Vermeulen", "Post", "Kuipers",
    "Veenstra", "Kramer", "Prins", "Huisman", "Koster", "Boer", "Maas", "Verhoeven", "Hoekstra", "Wouters",
    "Timmermans", "Groen", "Gerritsen", "Boersma", "Koning", "Sanders", "Bosman", "Kuiper", "Postma", "Hermans",
    "Dijk", "Berg", "Leeuwen", "Vries", "Beek", "Wijk", "Heuvel", "Veen", "Broek", "Linden", "Graaf", "Meer",
    "Bruijn", "Laan", "Wal", "Haan", "Jong", "Groot", "Bakel", "Velde", "Horst", "Ven", "Hoeven", "Pol",
    "Yilmaz", "Kaya", "Öztürk", "Çelik", "El Amrani", "Bouzid", "Nguyen", "Wang", "Kowalski", "Nowak",
    "Ramdin", "Sewnarain", "Martens", "Claes", "Goossens", "Lambrechts", "Peeters", "Maes", "Dubois",
)  # fmt: skip

# Weighted: most people have no particle; "van", "de", "van der", "van den" dominate.
PARTICLES = (
    (None, 62), ("van", 9), ("de", 9), ("van der", 6), ("van den", 5), ("van de", 3), ("ter", 1), ("ten", 1),
    ("van 't", 1), ("in 't", 1), ("op den", 1), ("de la", 1),
)  # fmt: skip

DEPARTMENTS = (
    "Klantenservice", "Financiën", "Inkoop", "Logistiek", "ICT", "Personeelszaken", "Juridische Zaken",
    "Marketing", "Communicatie", "Verkoop", "Productie", "Kwaliteit", "Onderzoek en Ontwikkeling", "Facilitair",
    "Planning", "Beveiliging", "Administratie", "Zorg", "Onderwijs", "Techniek", "Data en Analyse",
    "Projectbureau", "Directie", "Operations", "Service en Onderhoud",
)  # fmt: skip

JOB_TITLES = (
    "Medewerker klantenservice", "Teamleider", "Afdelingshoofd", "Beleidsmedewerker", "Senior beleidsadviseur",
    "Financieel administrateur", "Controller", "Inkoper", "Logistiek medewerker", "Magazijnmedewerker",
    "Systeembeheerder", "Softwareontwikkelaar", "Data-analist", "HR-adviseur", "Recruiter", "Jurist",
    "Marketeer", "Communicatieadviseur", "Accountmanager", "Verkoopmedewerker", "Operator", "Monteur",
    "Kwaliteitsmedewerker", "Onderzoeker", "Facilitair medewerker", "Planner", "Beveiliger",
    "Administratief medewerker", "Verpleegkundige", "Docent", "Projectleider", "Manager operations",
)  # fmt: skip

SECTORS = (
    "Zorg en welzijn", "Overheid", "Onderwijs", "Financiële dienstverlening", "Industrie", "Logistiek",
    "Detailhandel", "ICT", "Bouw", "Energie", "Zakelijke dienstverlening", "Telecom",
)  # fmt: skip

ORG_WORDS = (
    "Noord", "Zuid", "Delta", "Polder", "Haven", "Kust", "Rivier", "Dijk", "Molen", "Tulp", "Zeeland",
    "Amstel", "Maas", "Rijn", "IJssel", "Veluwe", "Kempen", "Twente", "Waddenzee", "Brabant",
)  # fmt: skip

ORG_KINDS = ("Groep", "Zorg", "Bank", "Logistiek", "Techniek", "Gemeente", "Onderwijs", "Energie", "Diensten")
