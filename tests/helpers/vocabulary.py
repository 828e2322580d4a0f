"""The words of crmdesk's French interface that its English must never show: the domain's
labels, refusal reasons, generated reminders, month names. Shared by the window's test
(tests/gui/test_english_interface.py) and the command line's (tests/cli/test_cli_language.py)."""

from __future__ import annotations

import re

# Words and phrases of the French interface (labels, reasons, generated texts, months), none of which
# the demo's own data (names, products, notes, subjects typed by the firm) holds: « Rupture de stock »
# and « Commande spéciale » are left out, the demo's complaint subjects begin with them.
FRENCH = (
    "il manque",
    "adresse e-mail invalide",
    "obligatoire",
    "introuvable",
    "n'est pas un fichier clients",
    "Il n'a pas été modifié",
    "Relance réachat",
    "Souhaiter l'anniversaire",
    "Répondre à la réclamation",
    "Carte de fidélité valable",
    "points de fidélité expirent",
    "Risque santé",
    "Livraison manquée",
    "Produit défectueux",
    "Demande d'information",
    "Bonne foi",
    "Mauvaise foi",
    "Faute du vendeur",
    "Courrier",
    "Téléphone",
    "En face à face",
    "Réseau social",
    "Formulaire web",
    "Réception",
    "Enregistrement",
    "Traitement",
    "Clôture",
    "Clôturée",
    "Échéance proche",
    "Dans les délais",
    "échéance le",
    "livraison de produits frais",
    "Fidèles",
    "Prometteurs",
    "À surveiller",
    "À risque",
    "En hibernation",
    "Perdus",
    "Nouveaux",
    "Occasionnel",
    "Hors grille",
    "Définitions",
    "Récence",
    "Fréquence",
    "Grille de points",
    "Règle des quantiles",
    "Ventes additionnelles",
    "Programme de fidélité",
    "janv.",
    "févr.",
    "avr.",
    "juil.",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
    "janvier",
    "février",
    "avril",
    "juillet",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def french_words(texts: list[str], words: tuple[str, ...] = FRENCH) -> set[str]:
    """The `words` (whole words or phrases, case as written) that `texts` hold."""
    joined = "\n".join(texts)
    return {word for word in words if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", joined)}
