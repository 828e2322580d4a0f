"""French name, street and city pools for the demo files.

Everything here is invented. Phone numbers come from the ranges ARCEP keeps
for fiction (« numéros réservés aux œuvres audiovisuelles »), e-mail addresses
from the domains reserved for examples (example.com/.net/.org, RFC 2606), so a
demo file can never call or mail a real person.

Pools deliberately leave out first names whose folded form contains « hele »
(Hélène, Michèle, Rachèle…): the Sweety Bio demo has exactly one « Hélène »,
and the GUI tests find her by typing « hele ».
"""

from __future__ import annotations

from dataclasses import dataclass

FEMALE_FIRST_NAMES = (
    "Amélie", "Anaïs", "Anne", "Aurélie", "Béatrice", "Camille", "Caroline", "Céline",
    "Chloé", "Christine", "Claire", "Clémence", "Corinne", "Delphine", "Élise", "Élodie",
    "Émilie", "Emma", "Estelle", "Fanny", "Florence", "Françoise", "Gaëlle", "Inès",
    "Isabelle", "Jeanne", "Joséphine", "Julie", "Juliette", "Laëtitia", "Laure", "Léa",
    "Lucie", "Manon", "Margaux", "Marie", "Marine", "Marion", "Mathilde", "Maëlle",
    "Monique", "Nadia", "Nathalie", "Noémie", "Océane", "Pauline", "Perrine", "Sandrine",
    "Sarah", "Solène", "Sophie", "Stéphanie", "Sylvie", "Valérie", "Véronique", "Virginie",
    "Yasmine", "Zoé", "Agnès", "Brigitte", "Cécile", "Danielle", "Geneviève", "Josiane",
)

MALE_FIRST_NAMES = (
    "Adrien", "Alain", "Alexandre", "Antoine", "Arnaud", "Benoît", "Bernard", "Bruno",
    "Cédric", "Christophe", "Damien", "David", "Denis", "Didier", "Éric", "Étienne",
    "Fabien", "François", "Frédéric", "Gérard", "Guillaume", "Hugo", "Jacques", "Jean",
    "Jérémy", "Jérôme", "Joël", "Julien", "Karim", "Laurent", "Loïc", "Louis",
    "Luc", "Marc", "Mathieu", "Maxime", "Mehdi", "Nicolas", "Noël", "Olivier",
    "Pascal", "Patrick", "Paul", "Philippe", "Pierre", "Raphaël", "Régis", "Rémi",
    "Romain", "Samuel", "Sébastien", "Stéphane", "Thierry", "Thomas", "Vincent", "Xavier",
    "Yannick", "Yves", "Benjamin", "Gaël", "Hervé", "Jean-Luc", "Lucas", "Théo",
)

# Upper case, as a French file writes a surname (accents kept).
LAST_NAMES = (
    "MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "DURAND", "LEROY",
    "MOREAU", "SIMON", "LAURENT", "LEFEBVRE", "MICHEL", "GARCIA", "DAVID", "BERTRAND",
    "ROUX", "VINCENT", "FOURNIER", "MOREL", "GIRARD", "ANDRÉ", "LEFÈVRE", "MERCIER",
    "DUPONT", "LAMBERT", "BONNET", "FRANÇOIS", "MARTINEZ", "LEGRAND", "GARNIER", "FAURE",
    "ROUSSEAU", "BLANC", "GUÉRIN", "MULLER", "HENRY", "ROUSSEL", "NICOLAS", "PERRIN",
    "MORIN", "MATHIEU", "CLÉMENT", "GAUTHIER", "DUMONT", "LOPEZ", "FONTAINE", "CHEVALIER",
    "ROBIN", "MASSON", "SANCHEZ", "GÉRARD", "NGUYEN", "BOYER", "DENIS", "LEMAIRE",
    "DUVAL", "JOLY", "GAUTIER", "ROGER", "ROCHE", "ROY", "NOËL", "MEYER",
    "LUCAS", "MEUNIER", "JEAN", "PÉREZ", "MARCHAND", "DUFOUR", "BLANCHARD", "MARIE",
    "BARBIER", "BRUN", "DUMAS", "BRUNET", "SCHMITT", "LEROUX", "COLIN", "FERNANDEZ",
    "PIERRE", "RENARD", "ARNAUD", "ROLLAND", "CARON", "AUBERT", "GIRAUD", "LECLERC",
    "VIDAL", "BOURGEOIS", "RENAUD", "LEMOINE", "PICARD", "GAILLARD", "PHILIPPE", "LECLERCQ",
    "LACROIX", "FABRE", "DUPUIS", "OLIVIER", "RODRIGUEZ", "DA SILVA", "HUBERT", "LOUIS",
    "CHARLES", "GUILLOT", "RIVIÈRE", "LE GALL", "GUILLAUME", "ADAM", "RÉMY", "PRÉVOST",
    "BÉRANGER", "CHÂTELAIN", "BENOÎT", "LE BRIS", "ÉTIENNE", "HÉBRARD", "CÔTE", "MÉNARD",
)

STREETS = (
    "rue de la République", "rue Victor-Hugo", "avenue Jean-Jaurès", "rue Pasteur",
    "boulevard Gambetta", "rue des Lilas", "place de l'Église", "rue du Moulin",
    "allée des Tilleuls", "chemin des Vignes", "rue Émile-Zola", "avenue de la Gare",
    "rue des Écoles", "impasse des Peupliers", "rue Voltaire", "avenue du Général-de-Gaulle",
    "rue Nationale", "rue des Jardins", "boulevard de la Liberté", "rue Saint-Exupéry",
    "rue de la Paix", "quai des Bateliers", "rue des Acacias", "avenue des Platanes",
    "rue du Château", "rue des Fleurs", "place du Marché", "rue de Verdun",
    "rue Jules-Ferry", "avenue Foch", "rue des Cerisiers", "chemin de la Source",
)


@dataclass(frozen=True)
class City:
    name: str
    postal_code: str
    region: str
    zone: str      # first two digits of a landline there (01 … 05)
    weight: int    # how often Sweety Bio's clients live there


CITIES = (
    City("Lyon", "69003", "Auvergne-Rhône-Alpes", "04", 40),
    City("Lyon", "69007", "Auvergne-Rhône-Alpes", "04", 30),
    City("Villeurbanne", "69100", "Auvergne-Rhône-Alpes", "04", 18),
    City("Vénissieux", "69200", "Auvergne-Rhône-Alpes", "04", 6),
    City("Caluire-et-Cuire", "69300", "Auvergne-Rhône-Alpes", "04", 6),
    City("Écully", "69130", "Auvergne-Rhône-Alpes", "04", 5),
    City("Villefranche-sur-Saône", "69400", "Auvergne-Rhône-Alpes", "04", 6),
    City("Saint-Étienne", "42000", "Auvergne-Rhône-Alpes", "04", 12),
    City("Grenoble", "38000", "Auvergne-Rhône-Alpes", "04", 14),
    City("Échirolles", "38130", "Auvergne-Rhône-Alpes", "04", 4),
    City("Annecy", "74000", "Auvergne-Rhône-Alpes", "04", 8),
    City("Chambéry", "73000", "Auvergne-Rhône-Alpes", "04", 6),
    City("Valence", "26000", "Auvergne-Rhône-Alpes", "04", 6),
    City("Bourg-en-Bresse", "01000", "Auvergne-Rhône-Alpes", "04", 5),
    City("Clermont-Ferrand", "63000", "Auvergne-Rhône-Alpes", "04", 7),
    City("Chamalières", "63400", "Auvergne-Rhône-Alpes", "04", 2),
    City("Montélimar", "26200", "Auvergne-Rhône-Alpes", "04", 3),
    City("Aix-les-Bains", "73100", "Auvergne-Rhône-Alpes", "04", 3),
    City("Marseille", "13008", "Provence-Alpes-Côte d'Azur", "04", 6),
    City("Aix-en-Provence", "13100", "Provence-Alpes-Côte d'Azur", "04", 4),
    City("Avignon", "84000", "Provence-Alpes-Côte d'Azur", "04", 3),
    City("Nice", "06000", "Provence-Alpes-Côte d'Azur", "04", 3),
    City("Cagnes-sur-Mer", "06800", "Provence-Alpes-Côte d'Azur", "04", 1),
    City("Antibes", "06600", "Provence-Alpes-Côte d'Azur", "04", 1),
    City("Montpellier", "34000", "Occitanie", "04", 4),
    City("Nîmes", "30000", "Occitanie", "04", 2),
    City("Toulouse", "31000", "Occitanie", "05", 4),
    City("Blagnac", "31700", "Occitanie", "05", 1),
    City("Dijon", "21000", "Bourgogne-Franche-Comté", "03", 4),
    City("Besançon", "25000", "Bourgogne-Franche-Comté", "03", 2),
    City("Mâcon", "71000", "Bourgogne-Franche-Comté", "03", 3),
    City("Paris", "75011", "Île-de-France", "01", 5),
    City("Paris", "75015", "Île-de-France", "01", 4),
    City("Montreuil", "93100", "Île-de-France", "01", 2),
    City("Boulogne-Billancourt", "92100", "Île-de-France", "01", 2),
    City("Lille", "59000", "Hauts-de-France", "03", 2),
    City("Strasbourg", "67000", "Grand Est", "03", 2),
    City("Nancy", "54000", "Grand Est", "03", 1),
    City("Nantes", "44000", "Pays de la Loire", "02", 2),
    City("Rezé", "44400", "Pays de la Loire", "02", 1),
    City("Saint-Herblain", "44800", "Pays de la Loire", "02", 1),
    City("Rennes", "35000", "Bretagne", "02", 2),
    City("Cesson-Sévigné", "35510", "Bretagne", "02", 1),
    City("Tours", "37000", "Centre-Val de Loire", "02", 1),
    City("Bordeaux", "33000", "Nouvelle-Aquitaine", "05", 2),
    City("Mérignac", "33700", "Nouvelle-Aquitaine", "05", 1),
    City("Limoges", "87000", "Nouvelle-Aquitaine", "05", 1),
    City("Panazol", "87350", "Nouvelle-Aquitaine", "05", 1),
)

# ARCEP's numbers for fiction, by zone: 10 000 numbers each.
FICTION_PREFIXES = {
    "01": "+3319900",   # 01 99 00 xx xx
    "02": "+3326191",   # 02 61 91 xx xx
    "03": "+3335301",   # 03 53 01 xx xx
    "04": "+3346571",   # 04 65 71 xx xx
    "05": "+3353649",   # 05 36 49 xx xx
    "09": "+3397510",   # 09 75 10 xx xx: « box » numbers, any region
}


def city(name: str, postal_code: str | None = None) -> City:
    """The pool's city of that name (and postal code, when a city has several)."""
    for entry in CITIES:
        if entry.name == name and (postal_code is None or entry.postal_code == postal_code):
            return entry
    raise KeyError(name)
